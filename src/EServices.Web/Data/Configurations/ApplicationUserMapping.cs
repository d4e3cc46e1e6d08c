using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EServices.Web.Data.Configurations;

public sealed class ApplicationUserMapping : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        // Only AuthenticatorCodes' conditional UPDATE writes it. Identity saves a user by marking every property modified,
        // so a request that loaded the user earlier (a wrong code counted, a lockout reset) would write back an older step
        // and let a used code in again.
        builder.Property(u => u.AuthenticatorLastTimeStep).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        // A confirmed number signs in and receives codes: it belongs to one account. Unconfirmed ones (typed at an
        // e-mail sign-up before issue 16) may repeat.
        builder.HasIndex(u => u.PhoneNumber).IsUnique().HasFilter("phone_number_confirmed");
        // A citizen identified at a counter by their identity card has one account, whoever files for them.
        builder.HasIndex(u => u.Cnib).IsUnique();
        builder.Property(u => u.Cnib).HasMaxLength(12);
    }
}
