
namespace EServices.Web.Features.BackOffice;

/// <summary>The back-office inbox as a table, with the tab and filters the agent has chosen, every page at once.
/// Test filings are left out, as from every figure.</summary>
public sealed class InboxExport(InboxQuery inbox)
{
    private static readonly string[] Headers = ["Numéro", "Démarche", "Service", "Demandeur", "Déposée le", "Échéance", "Agent", "État", "En retard"];

    public async Task<ExportTable> RunAsync(ClaimsPrincipal user, InboxCriteria criteria, CancellationToken ct)
    {
        var today = inbox.Today;
        var requests = await (await inbox.FilteredAsync(user, criteria, ct))
            .Where(r => !r.IsTest)
            .Select(inbox.Line)
            .ToListAsync(ct);
        return new ExportTable("Demandes", Headers, requests
            .Select(r => new object?[]
            {
                r.Number, r.Title, r.Service, r.ApplicantName, DateOnly.FromDateTime(r.SubmittedAt!.Value.UtcDateTime), r.DueOn, r.Assignee,
                r.Status.Label(), RequestStates.IsOverdue(r.Status, r.DueOn, today) ? "Oui" : "Non",
            })
            .ToList());
    }
}
