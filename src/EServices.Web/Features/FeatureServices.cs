using EServices.Web.Forms;
using EServices.Web.Features.BackOffice;
using EServices.Web.Features.Catalogue;
using EServices.Web.Features.Dashboard;
using EServices.Web.Features.MyRequests;
using EServices.Web.Workflow;

namespace EServices.Web.Features;

public static class FeatureServices
{
    /// <summary>Each feature's queries and commands, one line each; every command handler (a class named
    /// <c>Handler</c> or <c>…Handler</c>, nested in its command's file) is found here, so a new action adds no line.</summary>
    public static IServiceCollection AddFeatureServices(this IServiceCollection services) => services
        .AddCommandHandlers()
        .AddScoped<HomeQuery>()
        .AddScoped<SearchQuery>()
        .AddScoped<SheetQuery>()
        .AddScoped<DraftSteps>()
        .AddScoped<DraftFlow>()
        .AddScoped<Counter.CounterDesk>()
        .AddScoped<RequestFiling>()
        .AddScoped<SubmitDraft>()
        .AddScoped<Payments.PaymentLedger>()
        .AddScoped<Web.Competitions.Candidacies>()
        .AddScoped<Competitions.OpenCompetitions>()
        .AddScoped<Web.Competitions.CandidacyLinks>()
        .AddScoped<Competitions.ApplicationQuery>()
        .AddScoped<Results.PublishedResults>()
        .AddSingleton<Results.AdmittedListFiles>()
        .AddScoped<MyRequestsQuery>()
        .AddScoped<CorrectRequest>()
        .AddScoped<PersonalData.PersonalDataExport>()
        .AddScoped<PersonalData.Erasure>()
        .AddScoped<Checkout.PaymentPageQuery>()
        .AddScoped<Checkout.PaymentReturn>()
        .AddScoped<StaffScope>()
        .AddScoped<Deadlines.ImplicitDecisions>()
        .AddScoped<Deadlines.DeadlineDigests>()
        .AddScoped<Deadlines.OpinionDeadlines>()
        .AddScoped<Opinions.GiveOpinion>()
        .AddScoped<OpinionLinks>()
        .AddScoped<InboxQuery>()
        .AddScoped<LabelScope>()
        .AddScoped<LabelCatalogue>()
        .AddScoped<SetLabels>()
        .AddScoped<RequestFileQuery>()
        .AddScoped<Decide>()
        .AddScoped<Conversation>()
        .AddScoped<DashboardQuery>()
        .AddScoped<Workflow.Statistics.StatisticsQuery>()
        .AddSingleton<Workflow.Statistics.PublicDelays>()
        .AddScoped<InboxExport>()
        .AddScoped<Infrastructure.Audit.AuditLog>()
        .AddScoped<Accounts.SignInJournal>()
        .AddScoped<Accounts.AccountMail>()
        .AddScoped<Accounts.AuthenticatorCodes>()
        .AddScoped<Infrastructure.Audit.AuditSealer>()
        .AddScoped<Infrastructure.Audit.ChainVerifier>()
        .AddScoped<Admin.Publishing>()
        .AddScoped<Admin.JournalQuery>()
        .AddScoped<Admin.PaymentListQuery>()
        .AddScoped<Admin.Reconciliation>()
        .AddScoped<IAuthorizationHandler, CompetitionAdmin.CompetitionOwners>();

    private static IServiceCollection AddCommandHandlers(this IServiceCollection services)
    {
        foreach (var handler in typeof(FeatureServices).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && t.Name.EndsWith("Handler", StringComparison.Ordinal)))
        {
            services.AddScoped(handler);
        }

        return services;
    }
}
