namespace EServices.Web.Features.CompetitionClosing;

public sealed record IneligibleView(int Id, string Title, int Count, IReadOnlyList<FiledApplication> Shown);

/// <summary>The filed applications that the bulk validation leaves to an agent, with why, each linked to its page in the
/// back-office. After the validation every application still « Déposée » is one of them, so the list reads only those.</summary>
public static class IneligibleList
{
    /// <summary>A page a phone can show; the count says how many more the back-office holds.</summary>
    public const int Shown = 200;

    public sealed class Handler(AppDbContext db)
    {
        public async Task<IneligibleView?> HandleAsync(int id, CancellationToken ct)
        {
            var competition = await db.Competitions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
            if (competition is null)
            {
                return null;
            }

            var shown = new List<FiledApplication>();
            var count = 0;
            await foreach (var application in FiledApplications.ReadAsync(db, competition, ct))
            {
                if (application.Reasons.Count > 0 && ++count <= Shown)
                {
                    shown.Add(application);
                }
            }

            return new IneligibleView(id, competition.Title, count, shown);
        }
    }
}
