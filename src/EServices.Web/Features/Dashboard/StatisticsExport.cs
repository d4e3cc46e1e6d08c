using EServices.Web.Workflow.Statistics;
namespace EServices.Web.Features.Dashboard;

/// <summary>The dashboard's statistics as one table: a line per procedure, then a line per service ("Niveau" tells which).</summary>
public static class StatisticsExport
{
    private static readonly string[] Headers =
    [
        "Niveau", "Service", "Démarche", "Délai cible (jours ouvrables)", "Déposées", "Décidées", "Acceptées", "Rejetées",
        "Délai médian (jours ouvrables)", "Délai 90e centile (jours ouvrables)", "Décidées dans le délai (%)",
        "En cours", "En attente du demandeur", "En retard", "Frais encaissés (FCFA)",
    ];

    public static ExportTable Build(DashboardPage page) =>
        new("Statistiques", Headers,
        [
            .. page.ByProcedure.Select(r => Row("Démarche", r, null)),
            .. page.ByService.Select(r => Row("Service", r, page.Collected.FirstOrDefault(c => c.ServiceId == r.ServiceId)?.Amount ?? 0)),
        ]);

    /// <summary>The fees collected are per service only: a procedure's line leaves the cell empty.</summary>
    private static object?[] Row(string level, StatisticsRow r, long? collected) =>
    [
        level, r.ServiceCode, r.ProcedureTitle, r.TargetDelayDays, r.Filed, r.Decided, r.Accepted, r.Rejected,
        r.MedianDays, r.NinetiethPercentileDays, r.OnTimePercent, r.Backlog, r.Waiting, r.Overdue, collected is { } amount ? (double)amount : null,
    ];
}
