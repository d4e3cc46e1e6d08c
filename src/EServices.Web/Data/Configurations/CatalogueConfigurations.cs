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
        builder.HasOne(p => p.DraftFormVersion).WithMany().HasForeignKey(p => p.DraftFormVersionId);
        builder.Property(p => p.RoutingFieldKey).HasMaxLength(50);
        builder.Property(p => p.FeeKind).HasConversion<string>().HasMaxLength(12).HasDefaultValue(FeeKind.None).HasSentinel(FeeKind.None);
        builder.Property(p => p.FeeFieldKey).HasMaxLength(50);
        builder.Property(p => p.Silence).HasConversion<string>().HasMaxLength(12).HasDefaultValue(SilenceRule.None).HasSentinel(SilenceRule.None);
        builder.Property(p => p.FeeByChoice).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
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

public sealed class ServiceGroupMapping : IEntityTypeConfiguration<ServiceGroup>
{
    public void Configure(EntityTypeBuilder<ServiceGroup> builder)
    {
        builder.Property(g => g.Name).HasMaxLength(150);
        builder.HasIndex(g => new { g.ServiceId, g.Name }).IsUnique();
        builder.HasIndex(g => g.ServiceId).IsUnique().HasFilter("is_default"); // one default group per service
        builder.HasOne<Service>().WithMany().HasForeignKey(g => g.ServiceId);
    }
}

public sealed class ServiceLabelMapping : IEntityTypeConfiguration<ServiceLabel>
{
    public void Configure(EntityTypeBuilder<ServiceLabel> builder)
    {
        builder.Property(l => l.Name).HasMaxLength(ServiceLabel.NameMaxLength);
        builder.Property(l => l.Colour).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(l => new { l.ServiceId, l.Name }).IsUnique();
        builder.HasOne<Service>().WithMany().HasForeignKey(l => l.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RequestLabelMapping : IEntityTypeConfiguration<RequestLabel>
{
    public void Configure(EntityTypeBuilder<RequestLabel> builder)
    {
        builder.HasKey(l => new { l.RequestId, l.LabelId });
        builder.HasIndex(l => l.LabelId); // the inbox's filter, and a label's count of requests
        builder.HasOne<Request>().WithMany().HasForeignKey(l => l.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ServiceLabel>().WithMany().HasForeignKey(l => l.LabelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(l => l.SetById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class GroupMemberMapping : IEntityTypeConfiguration<GroupMember>
{
    public void Configure(EntityTypeBuilder<GroupMember> builder)
    {
        builder.HasKey(m => new { m.UserId, m.GroupId });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ServiceGroup>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RoutingRuleMapping : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> builder)
    {
        builder.Property(r => r.FieldValue).HasMaxLength(200);
        builder.HasIndex(r => new { r.ProcedureId, r.FieldValue }).IsUnique();
        builder.HasOne<Procedure>().WithMany().HasForeignKey(r => r.ProcedureId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ServiceGroup>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EmailTemplateMapping : IEntityTypeConfiguration<EmailTemplate>
{
    public void Configure(EntityTypeBuilder<EmailTemplate> builder)
    {
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Subject).HasMaxLength(200);
        builder.HasIndex(t => new { t.ProcedureId, t.Status }).IsUnique();
        builder.HasOne<Procedure>().WithMany().HasForeignKey(t => t.ProcedureId).OnDelete(DeleteBehavior.Cascade);
    }
}
