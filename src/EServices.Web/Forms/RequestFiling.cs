using System.Security.Cryptography;
using EServices.Web.Documents;
using EServices.Web.Workflow;

namespace EServices.Web.Forms;

/// <summary>
/// Files a draft: tracking number, due date, receipt and confirmation notices (e-mail, SMS). Whoever files (the
/// applicant's submit, a confirmed payment from the notification, the reconciliation job or a cashier) calls it in
/// their own transaction, with the request's row locked by <see cref="LockAsync"/>, and commits.
/// </summary>
public sealed class RequestFiling(AppDbContext db, WorkingCalendar calendar, Notices notices, IssueCertificate documents, TimeProvider clock, ILogger<RequestFiling> logger)
{
    public const string Closed = "Cette démarche n'accepte plus de nouvelles demandes en ligne.";

    public const string ThroughCompetitions = "Les inscriptions aux concours se font depuis la liste des concours ouverts (/concours) : "
        + "choisissez-y votre concours, ses conditions y sont vérifiées.";

    public const string CompetitionClosed = "Les inscriptions à ce concours sont closes : votre candidature ne peut plus être payée ni déposée.";

    /// <summary>Locks the request's row for the caller's transaction and reads it again with what filing needs; null when it
    /// is gone (an unpaid draft deleted). Whatever the caller loaded before may be stale.</summary>
    public async Task<Request?> LockAsync(Guid requestId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM requests WHERE id = {requestId} FOR UPDATE", ct);
        return await db.Requests
            .Include(r => r.Procedure).ThenInclude(p => p.Service)
            .Include(r => r.FormVersion)
            .Include(r => r.Attachments)
            .AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == requestId, ct);
    }

    /// <summary>Why the draft cannot leave the form now, or null: checked under the lock, whoever files. A procedure closed
    /// after the draft was started takes no more requests (test drafts file through a procedure still being built).</summary>
    public string? Refusal(Request draft)
    {
        if (draft.Procedure.ClosedAt is not null && !draft.IsTest)
        {
            return Closed;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return Review.Build(draft, today).IsComplete ? null : "Votre demande est incomplète : corrigez les points signalés avant de la déposer.";
    }

    /// <summary>Why this draft of a competitions' registration procedure may not be paid or filed, or null (any other
    /// draft): an application goes through its competition's pages, which check its conditions, a generic draft of the
    /// procedure never (one started before the session existed, or once every competition closed); and a candidacy only
    /// while its competition is open at <paramref name="at"/> (the server's clock, to the second).</summary>
    public async Task<string?> CompetitionRefusalAsync(Request draft, DateTimeOffset at, CancellationToken ct)
    {
        if (draft.IsTest)
        {
            return null;
        }

        var rule = await db.Procedures.AsNoTracking().Where(p => p.Id == draft.ProcedureId)
            .Select(p => new
            {
                InSession = db.CompetitionSessions.Any(s => s.ProcedureId == p.Id),
                ClosesAt = db.Candidacies.Where(c => c.RequestId == draft.Id).Select(c => (DateTimeOffset?)c.Competition.ClosesAt).FirstOrDefault(),
            })
            .SingleAsync(ct);
        return rule.ClosesAt is { } closes ? (at >= closes ? CompetitionClosed : null)
            : rule.InSession ? ThroughCompetitions : null;
    }

    /// <summary>The locked draft leaves its form and saves; the caller commits. With a fee it waits for its payment, the amount
    /// fixed now and a payment code for the counter (null is returned); free, it is filed (its number).</summary>
    public async Task<string?> LeaveFormAsync(Request draft, int fee, CancellationToken ct)
    {
        if (fee > 0)
        {
            draft.AwaitPayment(fee, NewPaymentCode(), clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return null;
        }

        return await FileAsync(draft, payment: null, fee: null, ct);
    }

    /// <summary>"P-" and 8 letters or digits that cannot be misread (no 0/O, 1/I): read aloud at a counter. 32^8 codes.</summary>
    private static string NewPaymentCode() => "P-" + RandomNumberGenerator.GetString("23456789ABCDEFGHJKLMNPQRSTUVWXYZ", 8);

    /// <summary>Files the locked draft and saves; the caller commits. <paramref name="fee"/> is the payment that counts, for a
    /// draft that waited for one.</summary>
    public async Task<string> FileAsync(Request draft, Payment? payment, PaidFee? fee, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var applicant = await db.Users.SingleAsync(u => u.Id == draft.ApplicantId, ct);

        // Everything is read before the number is taken: the counter row stays locked from the number to the commit
        // (ADR 0007), and every filing of the series waits for it, so only the writes happen in that window.
        // The rules are kept only while their group belongs to the procedure's service (a procedure can change service).
        var routing = await db.Procedures.AsNoTracking().Where(p => p.Id == draft.ProcedureId)
            .Select(p => new
            {
                Rules = db.RoutingRules.Where(r => r.ProcedureId == p.Id && db.ServiceGroups.Any(g => g.Id == r.GroupId && g.ServiceId == p.ServiceId)).ToList(),
                DefaultGroupId = db.ServiceGroups.Where(g => g.ServiceId == p.ServiceId && g.IsDefault).Select(g => (int?)g.Id).FirstOrDefault(),
            })
            .SingleAsync(ct);
        var answers = draft.ReadAnswers();
        var groupId = RequestRouting.GroupFor(draft.Procedure.RoutingFieldKey, routing.Rules, routing.DefaultGroupId, answers);
        var definition = draft.FormVersion.Parse();
        var attached = draft.Attachments
            .Where(a => answers.Get(a.FieldKey) == a.Id.ToString())
            .Select(a => (definition.Find(a.FieldKey)?.Label ?? (a.FieldKey == CounterFiling.SignedSummaryKey ? CounterFiling.SignedSummaryLabel : a.FieldKey), a.FileName, a.Size))
            .ToList();
        var wording = await notices.WordingAsync(draft.Procedure, RequestStatus.Submitted, ct);
        var dueOn = calendar.AddWorkingDays(today, draft.Procedure.TargetDelayDays);

        var service = draft.Procedure.Service;
        // Test filings have their own series so that real numbers keep no gaps when tests are deleted.
        var number = await Numbering.NextAsync(db, draft.IsTest ? Numbering.TestPrefix : service.NumberPrefix, today.Year, ct);
        draft.Submit(number, applicant.FullName, dueOn, groupId, now, payment?.Id);
        draft.ApplySilence(draft.Procedure.Silence, draft.Procedure.SilenceDelayDays, calendar);

        documents.Add(draft.Id, new SignedFacts(DocumentKind.Receipt, number, applicant.FullName, today), draft.Procedure.Title, now,
            check => ReceiptPdf.Render(new ReceiptContent(
                number,
                draft.Procedure.Title,
                service.Name,
                applicant.FullName,
                now,
                attached,
                draft.Procedure.TargetDelayDays == 0 ? null : dueOn,
                check,
                fee)));
        notices.Enqueue(draft, applicant, now, wording);

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Request {Number} filed", number);
        return number;
    }
}
