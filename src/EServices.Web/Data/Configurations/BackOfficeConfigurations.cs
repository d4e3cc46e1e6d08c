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
