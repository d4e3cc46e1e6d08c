using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EServices.Web.Data.Configurations;

public sealed class OutboxSmsMapping : IEntityTypeConfiguration<OutboxSms>
{
    public void Configure(EntityTypeBuilder<OutboxSms> builder)
    {
        builder.ToTable("outbox_sms");
        builder.Property(s => s.To).HasMaxLength(20);
        builder.Property(s => s.Text).HasMaxLength(400);
        builder.Property(s => s.Coding).HasConversion<string>().HasMaxLength(8);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(8);
        builder.Property(s => s.Delivery).HasConversion<string>().HasMaxLength(12);
        builder.Property(s => s.LastError).HasMaxLength(500);
        builder.HasIndex(s => s.NextAttemptAt).HasFilter("sent_at IS NULL");
        builder.HasIndex(s => s.RequestId).HasFilter("request_id IS NOT NULL");
        builder.HasOne<Request>().WithMany().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class PhoneCodeMapping : IEntityTypeConfiguration<PhoneCode>
{
    public void Configure(EntityTypeBuilder<PhoneCode> builder)
    {
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.CodeHash).HasMaxLength(200);
        builder.Property(c => c.ClientAddress).HasMaxLength(64);
        builder.HasIndex(c => new { c.Phone, c.CreatedAt });
        builder.HasIndex(c => new { c.ClientAddress, c.CreatedAt });
    }
}

public sealed class IncomingSmsMapping : IEntityTypeConfiguration<IncomingSms>
{
    public void Configure(EntityTypeBuilder<IncomingSms> builder)
    {
        builder.ToTable("incoming_sms");
        builder.Property(s => s.From).HasMaxLength(32);
        builder.Property(s => s.Text).HasMaxLength(1000);
        builder.Property(s => s.GatewayId).HasMaxLength(64);
        builder.Property(s => s.Outcome).HasMaxLength(16);
        builder.HasIndex(s => s.GatewayId).IsUnique().HasFilter("gateway_id IS NOT NULL");
        builder.HasIndex(s => new { s.From, s.ReceivedAt });
    }
}
