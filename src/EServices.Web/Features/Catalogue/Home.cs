
namespace EServices.Web.Features.Catalogue;

public sealed record HomePage(
    int OnlineCount,
    int ProcedureCount,
    IReadOnlyList<CategoryLink> Categories,
    IReadOnlyList<ProcedureCard> MostRequested);

public sealed record CategoryLink(string Slug, string Name, string Description, int Count);

public sealed class HomeQuery(AppDbContext db)
{
    private const int MostRequestedCount = 6;

    public async Task<HomePage> RunAsync(CancellationToken ct)
    {
        var procedures = await db.Procedures.AsNoTracking()
            .Select(p => new { p.CategoryId, Online = (p.PublishedFormVersionId != null && p.ClosedAt == null) })
            .ToListAsync(ct);
        var categories = await db.Categories.AsNoTracking()
            .OrderBy(c => c.Position)
            .Select(c => new CategoryLink(c.Slug, c.Name, c.Description, db.Procedures.Count(p => p.CategoryId == c.Id)))
            .ToListAsync(ct);
        var mostRequested = await db.Procedures.AsNoTracking()
            .Where(p => p.PublishedFormVersionId != null && p.ClosedAt == null)
            .OrderByDescending(p => db.Requests.Count(r => r.ProcedureId == p.Id && r.Status != RequestStatus.Draft))
            .ThenBy(p => p.Id)
            .Take(MostRequestedCount)
            .Select(ProcedureCard.Projection)
            .ToListAsync(ct);
        return new HomePage(procedures.Count(p => p.Online), procedures.Count, categories, mostRequested);
    }
}
