using EServices.Web.Forms;
using EServices.Web.Features.BackOffice;
using EServices.Web.Features.Catalogue;
using EServices.Web.Features.Dashboard;
using EServices.Web.Features.Filing;
using EServices.Web.Features.MyRequests;
using EServices.Web.Workflow;

namespace EServices.Web.Features;

public static class FeatureServices
{
    /// <summary>Each feature's queries and commands, one line each.</summary>
    public static IServiceCollection AddFeatureServices(this IServiceCollection services) => services
        .AddScoped<HomeQuery>()
        .AddScoped<SearchQuery>()
        .AddScoped<SheetQuery>()
        .AddScoped<DraftSteps>()
        .AddScoped<SubmitDraft>()
        .AddScoped<MyRequestsQuery>()
        .AddScoped<CorrectRequest>()
        .AddScoped<PersonalData.PersonalDataExport>()
        .AddScoped<PersonalData.Erasure>()
        .AddScoped<StaffScope>()
        .AddScoped<InboxQuery>()
        .AddScoped<RequestFileQuery>()
        .AddScoped<Decide>()
        .AddScoped<Conversation>()
        .AddScoped<DashboardQuery>()
        .AddScoped<InboxExport>()
        .AddScoped<Infrastructure.Audit.AuditLog>()
        .AddScoped<Accounts.SignInJournal>()
        .AddScoped<Accounts.AuthenticatorCodes>()
        .AddScoped<Infrastructure.Audit.AuditSealer>()
        .AddScoped<Infrastructure.Audit.ChainVerifier>()
        .AddScoped<Admin.Publishing>()
        .AddScoped<Admin.JournalQuery>();
}
