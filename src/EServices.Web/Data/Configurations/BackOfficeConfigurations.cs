using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EServices.Web.Data.Configurations;

public sealed class ServiceMemberMapping : IEntityTypeConfiguration<ServiceMember>
{
    public void Configure(EntityTypeBuilder<ServiceMember> builder)
    {
        builder.HasKey(m => new { m.UserId, m.ServiceId });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Service>().WithMany().HasForeignKey(m => m.ServiceId);
    }
}

public sealed class ApiClientMapping : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.HasIndex(c => c.ServiceId);
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.Property(c => c.Name).HasMaxLength(120);
        builder.HasOne<Service>().WithMany().HasForeignKey(c => c.ServiceId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.AccountId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.SetNull);
        builder.Ignore(c => c.Scopes);
    }
}
