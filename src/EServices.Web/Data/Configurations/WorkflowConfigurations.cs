using EServices.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace EServices.Web.Data.Configurations;

public sealed class RequestMapping : IEntityTypeConfiguration<Request>
{
    public void Configure(EntityTypeBuilder<Request> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Answers).HasColumnType("jsonb");
        builder.Property(r => r.Number).HasMaxLength(32);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => new { r.ApplicantId, r.Status });
        // The inbox (Features/BackOffice/Inbox.cs): one index per tab, in the inbox's order (due date, then filing time),
        // so that a first page reads 20 index entries instead of sorting the tab; the tab counts are index-only scans.
        // Staff scopes filter on procedure_id: the procedure-led index carries group and assignee for the agents' scope.
        builder.HasIndex(r => new { r.ProcedureId, r.Status, r.DueOn }).IncludeProperties(r => new { r.GroupId, r.AssigneeId });
        builder.HasIndex(r => new { r.AssigneeId, r.Status, r.DueOn, r.SubmittedAt }); // "mes dossiers"
        builder.HasIndex(r => new { r.Status, r.DueOn, r.SubmittedAt }, "ix_requests_inbox")
            .HasDatabaseName("ix_requests_inbox")
            .HasFilter($"status <> {RequestStates.Sql(RequestStatus.Draft)}"); // "à prendre", "en attente", the status filter
        builder.HasIndex(r => new { r.DueOn, r.SubmittedAt }, "ix_requests_inbox_open")
            .HasDatabaseName("ix_requests_inbox_open")
            .HasFilter(RequestStates.SqlIn(RequestStates.WithAdministration)); // "en retard"
        builder.HasIndex(r => new { r.DueOn, r.SubmittedAt }, "ix_requests_inbox_decided")
            .HasDatabaseName("ix_requests_inbox_decided")
            .HasFilter(RequestStates.SqlIn(RequestStates.Closed)); // "traitées"
        builder.HasIndex(r => r.SubmittedAt);
        builder.HasIndex(r => r.GroupId);
        builder.HasOne<ServiceGroup>().WithMany().HasForeignKey(r => r.GroupId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(r => r.Version).IsRowVersion(); // PostgreSQL xmin: two writers, one wins
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.ApplicantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.RequestId);
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RequestId);
        builder.Property(r => r.PaymentCode).HasMaxLength(16);
        builder.HasIndex(r => r.PaymentCode).IsUnique().HasFilter("payment_code IS NOT NULL");
        builder.HasIndex(r => r.AwaitingPaymentSince).HasFilter("awaiting_payment_since IS NOT NULL"); // the expiry job
        builder.HasOne<Payment>().WithMany().HasForeignKey(r => r.PaymentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Silence).HasConversion<string>().HasMaxLength(12).HasDefaultValue(SilenceRule.None).HasSentinel(SilenceRule.None);
        builder.HasIndex(r => r.SilenceOn, "ix_requests_silence_due").HasDatabaseName("ix_requests_silence_due")
            .HasFilter($"silence <> 'None' AND {RequestStates.SqlIn(RequestStates.WithAdministration)}"); // the implicit decisions' job
    }
}

public sealed class OpinionMapping : IEntityTypeConfiguration<Opinion>
{
    public void Configure(EntityTypeBuilder<Opinion> builder)
    {
        builder.HasOne<Request>().WithMany().HasForeignKey(o => o.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(o => o.RequestId);
        builder.HasIndex(o => o.DueOn).HasFilter("status = 'Pending'"); // the deadlines' job: reminders and expiry
        builder.Property(o => o.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(o => o.Question).HasMaxLength(2000);
        builder.Property(o => o.Answer).HasMaxLength(4000);
        builder.Property(o => o.ExpertName).HasMaxLength(200);
        builder.Property(o => o.ExpertEmail).HasMaxLength(256);
        builder.Property(o => o.ExpertPhone).HasMaxLength(20);
        builder.Property(o => o.TokenHash).HasMaxLength(64);
        builder.Property(o => o.FileName).HasMaxLength(255);
        builder.Property(o => o.FileContentType).HasMaxLength(50);
        builder.Property(o => o.Version).IsRowVersion();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(o => o.AskedById).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CounterFilingMapping : IEntityTypeConfiguration<CounterFiling>
{
    public void Configure(EntityTypeBuilder<CounterFiling> builder)
    {
        builder.HasKey(f => f.RequestId);
        builder.HasOne<Request>().WithOne().HasForeignKey<CounterFiling>(f => f.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(f => f.ClerkId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.ClerkId, f.StartedAt }); // the clerk's filings of the day
        builder.Property(f => f.Confirmation).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.Cnib).HasMaxLength(12);
    }
}

public sealed class DeadlineDigestMapping : IEntityTypeConfiguration<DeadlineDigest>
{
    public void Configure(EntityTypeBuilder<DeadlineDigest> builder)
    {
        builder.HasKey(d => new { d.UserId, d.Day });
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PaymentMapping : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.Property(p => p.TransactionId).HasMaxLength(25);
        builder.HasIndex(p => p.TransactionId).IsUnique();
        builder.Property(p => p.Provider).HasMaxLength(20);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(10);
        builder.Property(p => p.Flag).HasConversion<string>().HasMaxLength(12);
        builder.Property(p => p.PaymentUrl).HasMaxLength(500);
        builder.Property(p => p.ProviderToken).HasMaxLength(200);
        builder.Property(p => p.PaidCurrency).HasMaxLength(8);
        builder.Property(p => p.Method).HasMaxLength(20);
        builder.Property(p => p.Reference).HasMaxLength(100);
        builder.Property(p => p.PayerPhone).HasMaxLength(20);
        builder.Property(p => p.LastAnswer).HasMaxLength(200);
        builder.Property(p => p.RefundNote).HasMaxLength(200);
        builder.Property(p => p.Version).IsRowVersion();
        // The reconciliation job reads the attempts due for a check, oldest due first, and nothing else.
        builder.HasIndex(p => p.NextCheckAt).HasFilter("status = 'Pending'");
        builder.HasIndex(p => p.RequestId).HasFilter("request_id IS NOT NULL");
        builder.HasIndex(p => new { p.ServiceId, p.CreatedAt }); // the report and the list, per service and period
        builder.HasIndex(p => new { p.Provider, p.Reference }).IsUnique().HasFilter("provider = 'guichet'"); // a Treasury receipt counts once
        builder.HasOne<Request>().WithMany().HasForeignKey(p => p.RequestId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Service>().WithMany().HasForeignKey(p => p.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Procedure>().WithMany().HasForeignKey(p => p.ProcedureId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.ApplicantId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class RequestEventMapping : IEntityTypeConfiguration<RequestEvent>
{
    public void Configure(EntityTypeBuilder<RequestEvent> builder)
    {
        builder.Property(e => e.From).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.To).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(e => new { e.RequestId, e.At });
        builder.HasChainColumns(AuditChain.RequestEvents);
    }
}

public sealed class RequestMessageMapping : IEntityTypeConfiguration<RequestMessage>
{
    public void Configure(EntityTypeBuilder<RequestMessage> builder)
    {
        builder.Property(m => m.Text).HasMaxLength(RequestMessage.MaxLength);
        builder.HasIndex(m => new { m.RequestId, m.At });
        builder.HasOne<Request>().WithMany().HasForeignKey(m => m.RequestId);
    }
}

public sealed class AttachmentMapping : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> builder)
    {
        builder.Property(a => a.FileName).HasMaxLength(255);
        builder.Property(a => a.ContentType).HasMaxLength(64);
    }
}

public sealed class IssuedDocumentMapping : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> builder)
    {
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(d => d.Code).IsUnique();
        builder.HasIndex(d => new { d.RequestId, d.Kind });
        builder.HasIndex(d => new { d.Number, d.Kind }); // the check page of a QR code's signed address (format 2)
        builder.HasOne<Request>().WithMany().HasForeignKey(d => d.RequestId);
    }
}

public sealed class TrackingCounterMapping : IEntityTypeConfiguration<TrackingCounter>
{
    public void Configure(EntityTypeBuilder<TrackingCounter> builder) => builder.HasKey(c => new { c.Prefix, c.Year });
}

public sealed class OutboxEmailMapping : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder) =>
        builder.HasIndex(e => e.NextAttemptAt).HasFilter("sent_at IS NULL");
}

public sealed class AuditEntryMapping : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.Action).HasMaxLength(300);
        builder.Property(e => e.TargetType).HasMaxLength(20);
        builder.Property(e => e.TargetId).HasMaxLength(64);
        builder.Property(e => e.TargetLabel).HasMaxLength(300);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.TargetType, e.TargetId });
        builder.HasChainColumns(AuditChain.AuditEntries);
    }
}

public sealed class AuditChainHeadMapping : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.HasData(new AuditChainHead { Id = AuditChainHead.SingleId, LastNo = 0, LastHash = new byte[32] });
    }
}

/// <summary>The hash chain's columns (docs/adr/0005-audit-chain.md), written by the sealer only: shadow properties,
/// so that the entities stay about what happened.</summary>
public static class ChainColumnsMapping
{
    public static void HasChainColumns<T>(this EntityTypeBuilder<T> builder, string table)
        where T : class
    {
        builder.Property<long?>("ChainNo");
        builder.Property<byte[]?>("ChainPrevious");
        builder.Property<byte[]?>("ChainHash");
        builder.HasIndex("ChainNo").IsUnique();
        // The sealer's work list: rows not sealed yet, a handful at any time.
        builder.HasIndex("Id").HasFilter("chain_no IS NULL").HasDatabaseName($"ix_{table}_unsealed");
    }
}
