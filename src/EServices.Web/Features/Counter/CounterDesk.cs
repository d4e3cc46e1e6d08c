using EServices.Web.Infrastructure.Sms;
using EServices.Web.Documents;
using EServices.Web.Forms;

namespace EServices.Web.Features.Counter;

/// <summary>One of the clerk's filings, as the counter's page lists it.</summary>
public sealed record CounterLine(Guid Id, string Procedure, string Citizen, string? Number, bool IsDraft, bool AwaitsPayment);

/// <summary>The counter's first page: who is at the counter, which procedure; and the clerk's filings of the day.</summary>
public sealed record CounterHome(OpenCounterFile.Command Form, IReadOnlyList<(string Slug, string Title)> Procedures, IReadOnlyList<CounterLine> Today);

/// <summary>The counter's review: the answers, then how the citizen confirms (a code to their phone, or the signed summary).</summary>
public sealed record CounterReview(ReviewPage Page, CounterCitizen Citizen);

/// <summary>The citizen a counter draft is for, and the identity card the clerk saw.</summary>
public sealed record CounterCitizen(ApplicationUser Account, string Cnib)
{
    public string Name => Account.FullName;
    public string? Phone => Account.PhoneNumber;
}

/// <summary>What the clerk gives the citizen once the request has left the form: its number and receipt, or the payment
/// code to take to the Treasury's cash desk; and how to follow it online.</summary>
public sealed record CounterFiled(Guid Id, string Procedure, string Citizen, string? Number, string? PaymentCode, int? Fee, bool HasConfirmedPhone);

/// <summary>The counter's reads, and the code sent to the citizen's phone. Every read goes through the clerk's own
/// filings (<see cref="CounterFiling"/>): a request the clerk did not start at the counter is not found.</summary>
public sealed class CounterDesk(AppDbContext db, PhoneCodes codes, TimeProvider clock)
{
    public async Task<CounterHome> HomeAsync(OpenCounterFile.Command form, string clerkId, CancellationToken ct)
    {
        // Competitions are filed from their own pages; a procedure closed or unpublished takes no request.
        var procedures = await db.Procedures.AsNoTracking()
            .Where(p => p.PublishedFormVersionId != null && p.ClosedAt == null && !db.CompetitionSessions.Any(s => s.ProcedureId == p.Id))
            .OrderBy(p => p.Title)
            .Select(p => new { p.Slug, p.Title })
            .ToListAsync(ct);
        var since = clock.GetUtcNow().AddHours(-24);
        var today = await (
                from f in db.CounterFilings.AsNoTracking()
                where f.ClerkId == clerkId && f.StartedAt >= since
                join r in db.Requests on f.RequestId equals r.Id
                join u in db.Users on r.ApplicantId equals u.Id
                orderby f.StartedAt descending
                select new { r.Id, r.Procedure.Title, u.FirstNames, u.LastName, r.Number, r.Status, Waiting = r.AwaitingPaymentSince != null })
            .Take(100)
            .ToListAsync(ct);
        return new CounterHome(form, procedures.Select(p => (p.Slug, p.Title)).ToList(), today
            .Select(r => new CounterLine(r.Id, r.Title, $"{r.FirstNames} {r.LastName.ToUpperInvariant()}", r.Number, r.Status == RequestStatus.Draft && !r.Waiting, r.Waiting))
            .ToList());
    }

    public async Task<CounterCitizen> CitizenAsync(Request draft, CancellationToken ct) => new(
        await db.Users.AsNoTracking().SingleAsync(u => u.Id == draft.ApplicantId, ct),
        await db.CounterFilings.Where(f => f.RequestId == draft.Id).Select(f => f.Cnib).SingleAsync(ct));

    /// <summary>The code to the citizen's phone, worded for a counter (they read it out to the clerk). False when the
    /// number's limits are reached (PhoneCodes).</summary>
    public Task<bool> SendCodeAsync(Request draft, ApplicationUser citizen, CancellationToken ct) =>
        codes.SendAsync(citizen.PhoneNumber!, PhoneCodePurpose.CounterFiling, citizen.Id, instead: null,
            code => $"E-services : code {code} pour déposer votre demande « {draft.Procedure.Title} » au guichet. "
                + "Donnez-le à l'agent du guichet si vous êtes devant lui ; sinon ne le donnez à personne.", ct);

    /// <summary>The summary the citizen signs when no code can reach them: the answers, their identity, the signature box.</summary>
    public async Task<byte[]> SummaryToSignAsync(ReviewPage page, Request draft, CounterCitizen citizen, CancellationToken ct) =>
        RequestSummaryPdf.Render(new RequestSummary("", page.ProcedureTitle,
            await db.Services.Where(s => s.Id == draft.Procedure.ServiceId).Select(s => s.Name).SingleAsync(ct),
            "Remplie au guichet, pas encore déposée",
            page.SummarySections()
                .Prepend(new SummarySection("Demandeur", [("Nom et prénoms", citizen.Name), ("Numéro de CNIB", citizen.Cnib), ("Téléphone", citizen.Phone ?? "—")]))
                .ToList(),
            Title: "Récapitulatif de la demande à signer",
            Signature: "Je certifie sur l'honneur l'exactitude des informations ci-dessus et demande qu'elles soient déposées en mon nom."));

    public async Task<CounterFiled?> FiledAsync(Guid id, string clerkId, CancellationToken ct) => await (
            from f in db.CounterFilings.AsNoTracking()
            where f.RequestId == id && f.ClerkId == clerkId
            join r in db.Requests on f.RequestId equals r.Id
            join u in db.Users on r.ApplicantId equals u.Id
            where r.Status != RequestStatus.Draft || r.AwaitingPaymentSince != null
            select new CounterFiled(r.Id, r.Procedure.Title, u.FirstNames + " " + u.LastName.ToUpper(), r.Number, r.PaymentCode, r.FeeDue, u.PhoneNumberConfirmed))
        .FirstOrDefaultAsync(ct);

    /// <summary>The receipt of a request the clerk filed, to print for the citizen.</summary>
    public Task<IssuedDocument?> ReceiptAsync(Guid id, string clerkId, CancellationToken ct) =>
        db.IssuedDocuments.AsNoTracking()
            .Where(d => d.RequestId == id && d.Kind == DocumentKind.Receipt && db.CounterFilings.Any(f => f.RequestId == id && f.ClerkId == clerkId))
            .FirstOrDefaultAsync(ct);
}
