
namespace EServices.Web.Features.Catalogue;

public sealed record SheetPage(
    string Slug,
    string Title,
    string Summary,
    string ServiceName,
    string CategoryName,
    IReadOnlyList<string> Audiences,
    string Eligibility,
    IReadOnlyList<string> SupportingDocuments,
    int FeeXof,
    FeeKind FeeKind,
    string FeeByChoice,
    int TargetDelayDays,
    string LegalBasis,
    string Outcome,
    string PaperProcedure,
    bool Online,
    string DescriptionHtml,
    string DecreeReference,
    bool Closed)
{
    public string Fee => Payments.FeeLabel.Of(FeeKind, FeeXof, FeeByChoice);

    public SilenceRule Silence { get; init; }

    public int SilenceDelayDays { get; init; }

    /// <summary>The delay measured over the last 90 days, beside the promised one (null while the procedure is not online).</summary>
    public Workflow.Statistics.PublicDelay? MeasuredDelay { get; init; }
}

public sealed class SheetQuery(AppDbContext db, Workflow.Statistics.PublicDelays delays)
{
    public async Task<SheetPage?> RunAsync(string slug, CancellationToken ct)
    {
        var page = await db.Procedures.AsNoTracking()
            .Where(p => p.Slug == slug)
            .Select(p => new SheetPage(
                p.Slug, p.Title, p.Summary, p.Service.Name, p.Category.Name, p.Audiences, p.Eligibility, p.SupportingDocuments,
                p.FeeXof, p.FeeKind, p.FeeByChoice, p.TargetDelayDays, p.LegalBasis, p.Outcome, p.PaperProcedure, (p.PublishedFormVersionId != null && p.ClosedAt == null), p.Description, p.DecreeReference, p.ClosedAt != null)
            {
                Silence = p.Silence,
                SilenceDelayDays = p.SilenceDelayDays,
            })
            .FirstOrDefaultAsync(ct);
        return page is null ? null : page with
        {
            Audiences = page.Audiences.Select(Audience.Label).ToList(),
            DescriptionHtml = Infrastructure.SafeMarkdown.ToHtml(page.DescriptionHtml),
            MeasuredDelay = page.Online ? (await delays.GetAsync(ct)).Of(slug) : null,
        };
    }
}
