
namespace EServices.Web.Features.BackOffice;

/// <summary>The back-office inbox as a table, with the tab and filters the agent has chosen, every page at once.
/// Test filings are left out, as from every figure.</summary>
public sealed class InboxExport(AppDbContext db, InboxQuery inbox, LabelScope labels)
{
    private static readonly string[] Headers = ["Numéro", "Démarche", "Service", "Demandeur", "Déposée le", "Échéance", "Agent", "État", "En retard", "Étiquettes"];

    public async Task<ExportTable> RunAsync(ClaimsPrincipal user, InboxCriteria criteria, CancellationToken ct)
    {
        var today = inbox.Today;
        var filtered = (await inbox.FilteredAsync(user, criteria, ct)).Where(r => !r.IsTest);
        var requests = await filtered.Select(inbox.Line).ToListAsync(ct);
        var placed = await labels.PlacedAsync(db.RequestLabels.Where(l => filtered.Any(r => r.Id == l.RequestId)), ct);
        return new ExportTable("Demandes", Headers, requests
            .Select(r => new object?[]
            {
                r.Number, r.Title, r.Service, r.ApplicantName, DateOnly.FromDateTime(r.SubmittedAt!.Value.UtcDateTime), r.DueOn, r.Assignee,
                r.Status.Label(), RequestStates.IsOverdue(r.Status, r.DueOn, today) ? "Oui" : "Non",
                string.Join(", ", placed[r.Id].Select(l => l.Name)),
            })
            .ToList());
    }
}
