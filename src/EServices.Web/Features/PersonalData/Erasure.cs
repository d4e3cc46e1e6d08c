using EServices.Web.Forms;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Infrastructure.Storage;
using EServices.Web.Payments;
using EServices.Web.Workflow;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.PersonalData;

public enum DraftDeletion
{
    Deleted,
    NotFound,
    PaymentUnderWay,
}

/// <summary>Erasing personal data: a draft its applicant deletes, a draft left unpaid, and what a closed request no longer
/// needs once kept for the retention period.</summary>
public sealed class Erasure(
    AppDbContext db,
    RequestFiling filing,
    PaymentLedger ledger,
    Notices notices,
    FileStorage storage,
    AuditLog audit,
    IOptions<RetentionOptions> retention,
    IOptions<PaymentOptions> payments,
    TimeProvider clock,
    ILogger<Erasure> logger)
{
    /// <summary>The PostgreSQL advisory lock held during a retention pass ("ESrp").</summary>
    private const long PurgeLock = 0x45537270;

    /// <summary>The advisory lock held while stray files are removed ("ESsf").</summary>
    private const long StrayLock = 0x45537366;

    public static readonly RequestStatus[] Closed = RequestStates.Closed;

    /// <summary>Deletes a draft of this applicant with its answers and files, under its row's lock: not while a payment may be
    /// under way (the ledger opens attempts under the same lock). Its attempts stay, detached (the foreign key sets null).
    /// Its events were never sealed into the audit chain (see AuditChain), so nothing checked goes missing.</summary>
    public async Task<DraftDeletion> DeleteDraftAsync(Guid id, string applicantId, CancellationToken ct)
    {
        var (outcome, files) = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var draft = await filing.LockAsync(id, token);
            if (draft is null || draft.ApplicantId != applicantId || draft.Status != RequestStatus.Draft)
            {
                return (DraftDeletion.NotFound, []);
            }

            if (await ledger.IsUnderWayAsync(id, token))
            {
                return (DraftDeletion.PaymentUnderWay, []);
            }

            var files = await RemoveAsync(draft, token);
            await transaction.CommitAsync(token);
            return (DraftDeletion.Deleted, files);
        }, ct);
        files.ForEach(storage.Delete); // after the commit: a failed delete leaves a file nobody points to, never the reverse
        return outcome;
    }

    /// <summary>Deletes the drafts left awaiting payment past <see cref="PaymentOptions.UnpaidDraftDays"/> with no payment
    /// under way, each in its own transaction under its row's lock (so any node may run it), tells their applicants and
    /// journals each deletion. Returns how many were deleted.</summary>
    public async Task<int> ExpireUnpaidDraftsAsync(CancellationToken ct)
    {
        var days = payments.Value.UnpaidDraftDays;
        var before = clock.GetUtcNow().AddDays(-days);
        var due = await db.Requests.AsNoTracking()
            .Where(r => r.Status == RequestStatus.Draft && r.AwaitingPaymentSince < before)
            .OrderBy(r => r.AwaitingPaymentSince).Take(200).Select(r => r.Id).ToListAsync(ct);
        var expired = 0;
        foreach (var id in due)
        {
            var files = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var draft = await filing.LockAsync(id, token);
                if (draft is not { IsAwaitingPayment: true } || draft.AwaitingPaymentSince >= before || await ledger.IsUnderWayAsync(id, token))
                {
                    return null; // paid, deleted, back to its form or being paid since it was listed
                }

                var applicant = await db.Users.SingleAsync(u => u.Id == draft.ApplicantId, token);
                notices.EnqueueUnpaidDraftExpired(draft, applicant, days);
                audit.Record(null, $"Demande non payée depuis {days} jours supprimée (code {draft.PaymentCode}, {FieldRules.FormatAmount(draft.FeeDue ?? 0)}) ; demandeur prévenu",
                    AuditTargets.Request, draft.Id.ToString(), draft.Procedure.Title);
                var removed = await RemoveAsync(draft, token);
                await transaction.CommitAsync(token);
                return removed;
            }, ct);
            if (files is not null)
            {
                files.ForEach(storage.Delete);
                expired++;
            }
        }

        if (expired > 0)
        {
            logger.LogInformation("Retention: {Count} unpaid drafts expired", expired);
        }

        return expired;
    }

    /// <summary>Deletes the locked draft, its events and attachment rows, and saves; returns its files, to delete after the commit.</summary>
    private async Task<List<string>> RemoveAsync(Request draft, CancellationToken ct)
    {
        var files = draft.Attachments.Select(a => a.StorageKey).ToList();
        await db.RequestEvents.Where(e => e.RequestId == draft.Id).ExecuteDeleteAsync(ct);
        db.Requests.Remove(draft);
        await db.SaveChangesAsync(ct);
        return files;
    }

    /// <summary>Erases the answers, attachments and messages of requests decided or closed before the retention period;
    /// returns how many requests were erased.</summary>
    public async Task<int> PurgeClosedRequestsAsync(CancellationToken ct)
    {
        // Every node runs this job: one pass at a time (an advisory lock; a node that finds it taken skips its turn),
        // else two nodes would pick the same requests and each journal their erasure.
        await using var turn = await AdvisoryLock.TryTakeAsync(db.Database.GetConnectionString()!, PurgeLock, ct);
        return turn is null ? 0 : await PurgeAsync(ct);
    }

    /// <summary>Removes what no answer points to: attachment rows left by an older version of the portal (which kept
    /// every file ever posted) and files on disk without a row (a node that stopped between writing a file and its
    /// commit, or a delete the disk refused). Returns how many files were deleted.</summary>
    public async Task<int> ForgetStrayFilesAsync(CancellationToken ct)
    {
        await using var turn = await AdvisoryLock.TryTakeAsync(db.Database.GetConnectionString()!, StrayLock, ct);
        if (turn is null)
        {
            return 0;
        }

        // An answer only ever points to a file stored in the same commit, so a row it does not point to never will be.
        var rows = await db.Database.SqlQuery<string>($"""
            DELETE FROM attachments a USING requests r
            WHERE r.id = a.request_id AND (r.answers ->> a.field_key) IS DISTINCT FROM a.id::text
            RETURNING a.storage_key AS "Value"
            """).ToListAsync(ct);
        rows.ForEach(storage.TryDelete);

        // A file is written a moment before its row commits, maybe by another node: only files a day old are judged.
        var files = 0;
        foreach (var batch in storage.KeysWrittenBefore(DateTime.UtcNow.AddDays(-1)).Chunk(500))
        {
            var known = await db.Attachments.Where(a => batch.Contains(a.StorageKey)).Select(a => a.StorageKey).ToListAsync(ct);
            foreach (var key in batch.Except(known))
            {
                storage.TryDelete(key);
                files++;
            }
        }

        if (rows.Count + files > 0)
        {
            logger.LogInformation("Retention: {Rows} unanswered attachments and {Files} files without a row deleted", rows.Count, files);
        }

        return rows.Count + files;
    }

    /// <summary>How long the SMS that are not a request's notices (codes, answers to SUIVI) and the SMS received are kept:
    /// long enough to answer a complaint about a code that never came, no longer.</summary>
    public static readonly TimeSpan SmsKeptFor = TimeSpan.FromDays(90);

    /// <summary>Forgets the phone codes once no limit counts them any more (a day), the codes and answers sent by SMS and the
    /// SMS received after <see cref="SmsKeptFor"/>, and the digits of a code as soon as the code has expired (one not sent by
    /// then is failed). A request's
    /// notices stay: they are part of its history for staff. Returns how many rows were deleted or blanked.</summary>
    public async Task<int> ForgetOldMessagesAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (dayAgo, keptSince, codesExpired) = (now.AddDays(-1), now - SmsKeptFor, now - PhoneCode.Lifetime);
        var forgotten = await db.PhoneCodes.Where(c => c.CreatedAt < dayAgo).ExecuteDeleteAsync(ct)
            + await db.IncomingSms.Where(s => s.ReceivedAt < keptSince).ExecuteDeleteAsync(ct)
            + await db.OutboxSms.Where(s => s.Kind != SmsKind.Notice && s.CreatedAt < keptSince).ExecuteDeleteAsync(ct)
            // The code is in clear in its SMS (it must be, to be sent); once it cannot be used, the digits go, and a code
            // the gateway never took is not sent any more: it would only be a dead code.
            + await db.OutboxSms.Where(s => s.Kind == SmsKind.Code && s.CreatedAt < codesExpired && s.Text != CodeForgotten)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(s => s.Text, CodeForgotten)
                    .SetProperty(s => s.LastError, s => s.Delivery == SmsDelivery.Waiting ? "Code expiré avant son envoi" : s.LastError)
                    .SetProperty(s => s.Delivery, s => s.Delivery == SmsDelivery.Waiting ? SmsDelivery.Failed : s.Delivery), ct);
        if (forgotten > 0)
        {
            logger.LogInformation("Retention: {Count} phone codes and SMS forgotten", forgotten);
        }

        return forgotten;
    }

    /// <summary>What remains of the text of a code SMS once the code has expired.</summary>
    public const string CodeForgotten = "(code expiré, effacé)";

    private async Task<int> PurgeAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow().AddDays(-retention.Value.ClosedRequestDays);
        var due = await db.Requests
            .Where(r => Closed.Contains(r.Status) && r.DecidedAt < before && (r.Answers != "{}" || r.Attachments.Any()))
            .OrderBy(r => r.DecidedAt).Take(200)
            .Select(r => new { r.Id, r.Number, Files = r.Attachments.Select(a => a.StorageKey).ToList() })
            .ToListAsync(ct);
        foreach (var request in due)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Attachments.Where(a => a.RequestId == request.Id).ExecuteDeleteAsync(ct);
            await db.RequestMessages.Where(m => m.RequestId == request.Id).ExecuteDeleteAsync(ct);
            await db.Requests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Answers, "{}"), ct);
            // An application's copy of the candidate's identity goes with the answers (the row stays: its exam number and
            // seat are the competition's record).
            await db.Candidacies.Where(c => c.RequestId == request.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Cnib, (string?)null).SetProperty(c => c.CandidateName, (string?)null)
                .SetProperty(c => c.NameKey, (string?)null).SetProperty(c => c.BirthDate, (DateOnly?)null), ct);
            audit.Record(
                $"Réponses, pièces et messages effacés au terme de la durée de conservation ({retention.Value.ClosedRequestDays} jours)",
                AuditTargets.Request, request.Number ?? request.Id.ToString(), request.Number ?? "");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            request.Files.ForEach(storage.Delete);
        }

        if (due.Count > 0)
        {
            logger.LogInformation("Retention: {Count} closed requests erased", due.Count);
        }

        return due.Count;
    }
}
