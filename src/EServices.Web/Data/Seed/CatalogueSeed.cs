using System.Text.Json;

namespace EServices.Web.Data.Seed;

/// <summary>Loads catalogue.json (shipped inside the assembly) into an empty catalogue. Idempotent.</summary>
public static class CatalogueSeed
{
    public static async Task SeedAsync(AppDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Procedures.AnyAsync(ct))
        {
            return;
        }

        var seed = Load();
        var services = seed.Services.ToDictionary(s => s.Code);
        var categories = seed.Categories.ToDictionary(c => c.Slug);
        db.Services.AddRange(services.Values);
        db.Categories.AddRange(categories.Values);
        await db.SaveChangesAsync(ct);

        foreach (var p in seed.Procedures)
        {
            var procedure = new Procedure
            {
                Slug = p.Slug,
                Title = p.Title,
                Summary = p.Summary,
                CategoryId = categories[p.Category].Id,
                ServiceId = services[p.Service].Id,
                Audiences = p.Audiences,
                Eligibility = p.Eligibility,
                SupportingDocuments = p.SupportingDocuments,
                FeeXof = p.FeeXof,
                FeeKind = p.FeeKind,
                TargetDelayDays = p.TargetDelayDays,
                LegalBasis = p.LegalBasis,
                Outcome = p.Outcome,
                PaperProcedure = p.PaperProcedure,
                CertificateTitle = p.Certificate?.Title,
                CertificateBody = p.Certificate?.Body,
                CertificatePrefix = p.Certificate?.Prefix,
            };
            db.Procedures.Add(procedure);
            await db.SaveChangesAsync(ct);
            if (p.Form is { } form)
            {
                var version = FormVersion.Create(procedure.Id, 1, form, publishedAt: clock.GetUtcNow());
                db.FormVersions.Add(version);
                await db.SaveChangesAsync(ct);
                procedure.PublishedFormVersionId = version.Id;
                await db.SaveChangesAsync(ct);
            }
        }
    }

    public static CatalogueFile Load()
    {
        using var stream = typeof(CatalogueSeed).Assembly.GetManifestResourceStream("EServices.Web.Data.Seed.catalogue.json")
            ?? throw new InvalidOperationException("catalogue.json is not embedded.");
        return JsonSerializer.Deserialize<CatalogueFile>(stream, FormDefinition.JsonOptions)
            ?? throw new InvalidOperationException("catalogue.json is empty.");
    }

    public sealed record CatalogueFile(List<Service> Services, List<Category> Categories, List<ProcedureSeed> Procedures);

    public sealed record ProcedureSeed(
        string Slug,
        string Title,
        string Summary,
        string Category,
        string Service,
        string[] Audiences,
        string Eligibility,
        string[] SupportingDocuments,
        int FeeXof,
        int TargetDelayDays,
        string LegalBasis,
        string Outcome,
        string PaperProcedure,
        FormDefinition? Form,
        CertificateSeed? Certificate,
        FeeKind FeeKind = FeeKind.None);

    public sealed record CertificateSeed(string Title, string Prefix, string Body);
}
