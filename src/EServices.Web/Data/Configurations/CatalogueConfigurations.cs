using EServices.Web.Features.Catalogue;
using EServices.Web.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EServices.Web.Data.Configurations;

public sealed class ServiceMapping : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Code).HasMaxLength(20);
        builder.Property(s => s.NumberPrefix).HasMaxLength(6);
    }
}

public sealed class CategoryMapping : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder) => builder.HasIndex(c => c.Slug).IsUnique();
}

public sealed class ProcedureMapping : IEntityTypeConfiguration<Procedure>
{
    public void Configure(EntityTypeBuilder<Procedure> builder)
    {
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Ignore(p => p.IsOnline);
        builder.HasOne(p => p.PublishedFormVersion).WithMany().HasForeignKey(p => p.PublishedFormVersionId);
        builder.HasIndex(p => p.Audiences).HasMethod("gin");

        // "fr_unaccent" is French stemming after unaccent (created in the first migration), so that
        // "detachement" finds "Détachement". Title weighs more than summary and documents.
        builder.Property(p => p.SearchVector)
            .HasComputedColumnSql(
                "setweight(to_tsvector('public.fr_unaccent', coalesce(title, '')), 'A') || " +
                "setweight(to_tsvector('public.fr_unaccent', coalesce(summary, '')), 'B') || " +
                "setweight(to_tsvector('public.fr_unaccent', coalesce(eligibility, '') || ' ' || coalesce(outcome, '')), 'C')",
                stored: true);
        builder.HasIndex(p => p.SearchVector).HasMethod("gin");
    }
}

public sealed class FormVersionMapping : IEntityTypeConfiguration<FormVersion>
{
    public void Configure(EntityTypeBuilder<FormVersion> builder)
    {
        builder.Property(f => f.Definition).HasColumnType("jsonb");
        builder.HasIndex(f => new { f.ProcedureId, f.Number }).IsUnique();
        builder.HasOne<Procedure>().WithMany().HasForeignKey(f => f.ProcedureId);
    }
}
