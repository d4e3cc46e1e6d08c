
namespace EServices.Web.Features.Catalogue;

public sealed class SearchCriteria
{
    public string? Q { get; set; }
    public string? Categorie { get; set; }
    public string? Service { get; set; }
    public string? Public { get; set; }
    public int Page { get; set; } = 1;
}

public sealed record SearchPage(
    SearchCriteria Criteria,
    int Total,
    int Page,
    int PageCount,
    IReadOnlyList<ProcedureCard> Results,
    IReadOnlyList<(string Value, string Label)> Categories,
    IReadOnlyList<(string Value, string Label)> Services,
    IReadOnlyList<(string Value, string Label)> Audiences);

/// <summary>The catalogue search: PostgreSQL full text in French, accents ignored, plus filters.</summary>
public sealed class SearchQuery(AppDbContext db)
{
    public const int PageSize = 10;
    private const string TextSearchConfig = "public.fr_unaccent";

    public async Task<SearchPage> RunAsync(SearchCriteria criteria, CancellationToken ct)
    {
        var query = db.Procedures.AsNoTracking();
        var text = criteria.Q?.Trim();
        if (text is { Length: > 200 })
        {
            text = text[..200];
        }

        if (!string.IsNullOrEmpty(text))
        {
            query = query.Where(p => p.SearchVector.Matches(EF.Functions.PlainToTsQuery(TextSearchConfig, text)));
        }

        if (!string.IsNullOrEmpty(criteria.Categorie))
        {
            query = query.Where(p => p.Category.Slug == criteria.Categorie);
        }

        if (!string.IsNullOrEmpty(criteria.Service))
        {
            query = query.Where(p => p.Service.Code == criteria.Service);
        }

        if (!string.IsNullOrEmpty(criteria.Public))
        {
            query = query.Where(p => p.Audiences.Contains(criteria.Public));
        }

        var total = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (int)Math.Ceiling(total / (double)PageSize));
        var page = Math.Clamp(criteria.Page, 1, pageCount);
        var ordered = string.IsNullOrEmpty(text)
            ? query.OrderByDescending(p => (p.PublishedFormVersionId != null && p.ClosedAt == null)).ThenBy(p => p.Title)
            : query.OrderByDescending(p => p.SearchVector.Rank(EF.Functions.PlainToTsQuery(TextSearchConfig, text))).ThenBy(p => p.Title);
        var results = await ordered.Skip((page - 1) * PageSize).Take(PageSize).Select(ProcedureCard.Projection).ToListAsync(ct);

        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Position).Select(c => new { c.Slug, c.Name }).ToListAsync(ct);
        var services = await db.Services.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Code, s.Name }).ToListAsync(ct);
        return new SearchPage(
            criteria,
            total,
            page,
            pageCount,
            results,
            categories.Select(c => (c.Slug, c.Name)).ToList(),
            services.Select(s => (s.Code, $"{s.Code} – {s.Name}")).ToList(),
            Audience.Labels.Select(a => (a.Key, a.Value)).ToList());
    }
}
