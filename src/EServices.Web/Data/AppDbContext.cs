using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace EServices.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Procedure> Procedures => Set<Procedure>();
    public DbSet<FormVersion> FormVersions => Set<FormVersion>();
    public DbSet<Request> Requests => Set<Request>();
    public DbSet<RequestEvent> RequestEvents => Set<RequestEvent>();
    public DbSet<RequestMessage> RequestMessages => Set<RequestMessage>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<CompetitionSession> CompetitionSessions => Set<CompetitionSession>();
    public DbSet<Competition> Competitions => Set<Competition>();
    public DbSet<ExamCentre> ExamCentres => Set<ExamCentre>();
    public DbSet<Candidacy> Candidacies => Set<Candidacy>();
    public DbSet<ConvocationDue> ConvocationsDue => Set<ConvocationDue>();
    public DbSet<TrackingCounter> TrackingCounters => Set<TrackingCounter>();
    public DbSet<OutboxEmail> OutboxEmails => Set<OutboxEmail>();
    public DbSet<DeadlineDigest> DeadlineDigests => Set<DeadlineDigest>();
    public DbSet<Opinion> Opinions => Set<Opinion>();
    public DbSet<CounterFiling> CounterFilings => Set<CounterFiling>();
    public DbSet<OutboxSms> OutboxSms => Set<OutboxSms>();
    public DbSet<PhoneCode> PhoneCodes => Set<PhoneCode>();
    public DbSet<IncomingSms> IncomingSms => Set<IncomingSms>();
    public DbSet<ServiceMember> ServiceMembers => Set<ServiceMember>();
    public DbSet<ServiceGroup> ServiceGroups => Set<ServiceGroup>();
    public DbSet<ServiceLabel> ServiceLabels => Set<ServiceLabel>();
    public DbSet<RequestLabel> RequestLabels => Set<RequestLabel>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<EmailTemplate> EmailTemplates => Set<EmailTemplate>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("unaccent");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        builder.UseOpenIddict(); // the API clients' applications (client credentials; no token is stored)
    }
}
