using EServices.Web.Forms;
using System.Security.Cryptography;
using EServices.Web.Data;
using EServices.Web.Documents;
using EServices.Web.Workflow;
using Microsoft.EntityFrameworkCore;

namespace EServices.Web.Features.Filing;

/// <summary>
/// Files a draft: tracking number, due date, receipt and confirmation e-mail, all in one transaction.
/// The draft row is locked first, so a double click or a retry finds it already filed and gets the same number.
/// </summary>
public sealed class SubmitDraft(AppDbContext db, WorkingCalendar calendar, StatusEmail email, IssueCertificate documents, TimeProvider clock, ILogger<SubmitDraft> logger)
{
    /// <summary>The tracking number of the filed request, or null when the draft is not complete.</summary>
    /// <remarks>If the connection breaks (PostgreSQL restarting), the whole unit is replayed on a new one: it reads everything
    /// again under the lock, and a draft already filed by a commit whose answer was lost returns its number.</remarks>
    public Task<string?> RunAsync(Guid draftId, ApplicationUser applicant, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(token => FileAsync(draftId, applicant, token), ct);

    private async Task<string?> FileAsync(Guid draftId, ApplicationUser applicant, CancellationToken ct)
    {
        db.ChangeTracker.Clear(); // what the caller loaded may be stale: read again under the lock
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM requests WHERE id = {draftId} FOR UPDATE", ct);
        var request = await db.Requests
            .Include(r => r.Procedure).ThenInclude(p => p.Service)
            .Include(r => r.FormVersion)
            .Include(r => r.Attachments)
            .AsSplitQuery()
            .SingleAsync(r => r.Id == draftId && r.ApplicantId == applicant.Id, ct);
        if (request.Status != RequestStatus.Draft)
        {
            return request.Number;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!Review.Build(request, today).IsComplete)
        {
            return null;
        }

        // Everything is read before the number is taken: the counter row stays locked from the number to the commit
        // (ADR 0007), and every filing of the series waits for it, so only the writes happen in that window.
        // The rules are kept only while their group belongs to the procedure's service (a procedure can change service).
        var routing = await db.Procedures.AsNoTracking().Where(p => p.Id == request.ProcedureId)
            .Select(p => new
            {
                Rules = db.RoutingRules.Where(r => r.ProcedureId == p.Id && db.ServiceGroups.Any(g => g.Id == r.GroupId && g.ServiceId == p.ServiceId)).ToList(),
                DefaultGroupId = db.ServiceGroups.Where(g => g.ServiceId == p.ServiceId && g.IsDefault).Select(g => (int?)g.Id).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var answers = request.ReadAnswers();
        var groupId = RequestRouting.GroupFor(request.Procedure.RoutingFieldKey, routing.Rules, routing.DefaultGroupId, answers);
        var definition = request.FormVersion.Parse();
        var attached = request.Attachments
            .Where(a => answers.Get(a.FieldKey) == a.Id.ToString())
            .Select(a => (definition.Find(a.FieldKey)?.Label ?? a.FieldKey, a.FileName, a.Size))
            .ToList();
        var wording = await email.WordingAsync(request.Procedure, RequestStatus.Submitted, ct);
        var dueOn = calendar.AddWorkingDays(today, request.Procedure.TargetDelayDays);

        var service = request.Procedure.Service;
        // Test filings have their own series so that real numbers keep no gaps when tests are deleted.
        var number = await Numbering.NextAsync(db, request.IsTest ? Numbering.TestPrefix : service.NumberPrefix, today.Year, ct);
        request.Submit(number, applicant.FullName, dueOn, groupId, now);

        var code = IssueCertificate.NewCode();
        var check = documents.CheckAddress(code, new SignedFacts(DocumentKind.Receipt, number, applicant.FullName, today));
        var pdf = ReceiptPdf.Render(new ReceiptContent(
            number,
            request.Procedure.Title,
            service.Name,
            applicant.FullName,
            now,
            attached,
            request.Procedure.TargetDelayDays == 0 ? null : dueOn,
            check));
        db.IssuedDocuments.Add(new IssuedDocument
        {
            Id = Guid.NewGuid(),
            RequestId = request.Id,
            Kind = DocumentKind.Receipt,
            Number = number,
            Code = code,
            HolderName = applicant.FullName,
            ProcedureTitle = request.Procedure.Title,
            IssuedAt = now,
            Pdf = pdf,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)),
        });
        email.Enqueue(request, applicant, now, wording);

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Request {Number} filed", number);
        return number;
    }
}
