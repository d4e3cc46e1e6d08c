using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using EServices.Web.Documents;
using EServices.Web.Features;
using EServices.Web.Features.Accounts;
using EServices.Web.Features.Catalogue;
using EServices.Web.Features.PersonalData;
using EServices.Web.Forms;
using EServices.Web.Infrastructure.Api;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Infrastructure.Email;
using EServices.Web.Infrastructure.Telemetry;
using EServices.Web.Infrastructure.Sms;
using EServices.Web.Infrastructure.Storage;
using EServices.Web.Payments;
using EServices.Web.Payments.CinetPay;
using EServices.Web.Workflow;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Authorization;
using EServices.Web.Infrastructure.WaitingRoom;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("fr-FR");

var builder = WebApplication.CreateBuilder(args);
// No version banner: Kestrel would otherwise say "Server: Kestrel".
builder.WebHost.ConfigureKestrel(o => o.AddServerHeader = false);
builder.Host.UseDefaultServiceProvider(o => o.ValidateOnBuild = o.ValidateScopes = true);
// Each host logs through its own logger, not the static Log.Logger (the last host built would otherwise take every
// host's lines, as happens when tests run several portals in one process).
builder.Services.AddSerilog((services, log) => log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services)
    .Enrich.With<CorrelationId>(), preserveStaticLogger: true);

var connectionString = builder.Configuration.GetConnectionString("Default")
    ?? throw new InvalidOperationException("ConnectionStrings:Default is not set: see README.md.");
builder.Services.AddCataloguePageCache();
builder.Services.AddPortalTelemetry(builder.Configuration);
builder.Services.AddDbContextPool<AppDbContext>((services, o) => o.UseEServicesDatabase(connectionString).EvictCataloguePagesOnChange(services)
    .AddInterceptors(services.GetRequiredService<CountStateChanges>()));

builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section)
    .Validate(o => !string.IsNullOrWhiteSpace(o.Path), "Storage:Path is required").ValidateOnStart();
builder.Services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateOnStart();
builder.Services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section)
    .Validate(o => o.IsValid(), PortalOptions.Required).ValidateOnStart();
builder.Services.AddSingleton<PublicLinks>();
// Requests must name the public host (others get 400); AllowedHosts, when set, replaces it (to add an internal name).
// Loopback names stay allowed for a health check run on the machine itself (curl localhost:8080/health): links never
// come from the request, so they lend an attacker nothing.
builder.Services.AddOptions<HostFilteringOptions>().Configure<IConfiguration, PublicLinks>((o, configuration, links) =>
{
    if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
    {
        o.AllowedHosts = [links.Host, "localhost", "127.0.0.1", "[::1]"];
    }
});
builder.Services.AddOptions<CalendarOptions>().BindConfiguration(CalendarOptions.Section);
builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
builder.Services.AddSingleton(TimeProvider.System);
// French text stays readable in the HTML (é, not &#xE9;): lighter pages, same safety.
builder.Services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
builder.Services.AddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<IOptions<CalendarOptions>>().Value.MovableHolidays));
builder.Services.AddSingleton<FileStorage>();
builder.Services.AddOptions<VirusScanOptions>().BindConfiguration(VirusScanOptions.Section);
builder.Services.AddSingleton<VirusScanner>();
builder.Services.AddSingleton<UploadGate>();
builder.Services.AddSingleton(sp => new DocumentSigner(DatabaseSetup.SigningKeyPem(sp)));
builder.Services.AddScoped<IssueCertificate>();
builder.Services.AddScoped<Notices>();
builder.Services.AddScoped<EmailOutbox>();
builder.Services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section)
    .Validate(o => builder.Environment.IsDevelopment() || o.HasSafeSecrets(), SmsOptions.SecretsRequired).ValidateOnStart();
builder.Services.AddScoped<SmsOutbox>();
builder.Services.AddHttpClient(Sendsms.Client, c => c.Timeout = TimeSpan.FromSeconds(15));
builder.Services.AddSingleton<Sendsms>();
builder.Services.AddHostedService<SmsDispatchJob>();
// Mobile money through CinetPay (or the local simulator, tools/EServices.PaySim): no BaseUrl, no online payment.
builder.Services.AddOptions<PaymentOptions>().BindConfiguration(PaymentOptions.Section)
    .Validate(o => builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing") || CinetPayProvider.HasKeys(o.CinetPay),
        CinetPayProvider.KeysRequired).ValidateOnStart();
builder.Services.AddHttpClient<IPaymentProvider, CinetPayProvider>();
builder.Services.AddHostedService<EmailDispatchJob>();
builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section);
builder.Services.AddHostedService<RetentionJob>();
builder.Services.AddOptions<EServices.Web.Features.Deadlines.DeadlineOptions>().BindConfiguration(EServices.Web.Features.Deadlines.DeadlineOptions.Section);
builder.Services.AddHostedService<EServices.Web.Features.Deadlines.DeadlinesJob>();
builder.Services.AddHostedService<AuditSealJob>();
builder.Services.AddHostedService<ReconciliationJob>();
builder.Services.AddHostedService<EServices.Web.Competitions.ConvocationJob>();
builder.Services.AddHostedService<EServices.Web.Features.CompetitionClosing.ClosingJob>();
builder.Services.AddFeatureServices();
// The dynamic forms' validator is built per form definition, not resolved from the container.
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, r => r.ValidatorType != typeof(FormAnswersValidator));

builder.Services
    .AddIdentity<ApplicationUser, IdentityRole>(o =>
    {
        // Accounts made by phone have no address: OptionalEmailValidator keeps addresses unique where there is one.
        o.User.RequireUniqueEmail = false;
        o.Password.RequiredLength = 12;
        o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddTokenProvider<OneTimeAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
    .AddSignInManager<PortalSignInManager>()
    .AddPasswordValidator<CommonPasswordValidator>()
    .AddUserValidator<OptionalEmailValidator>()
    .AddErrorDescriber<FrenchIdentityErrorDescriber>();
builder.Services.AddSessionCookies();
builder.Services.AddAuthorizationBuilder()
    .AddPolicy(AuthorizationPolicies.Applicant, p => p.RequireAuthenticatedUser().RequireAssertion(c => !Roles.All.Any(c.User.IsInRole)))
    .AddPolicy(AuthorizationPolicies.BackOffice, p => p.RequireRole(Roles.Agent, Roles.Supervisor, Roles.Admin).RequireClaim(TwoFactor.Claim, TwoFactor.Used))
    .AddPolicy(AuthorizationPolicies.Cashier, p => p.RequireRole(Roles.Cashier).RequireClaim(TwoFactor.Claim, TwoFactor.Used))
    .AddPolicy(AuthorizationPolicies.Counter, p => p.RequireRole(Roles.Clerk).RequireClaim(TwoFactor.Claim, TwoFactor.Used))
    .AddPolicy(AuthorizationPolicies.Supervisor, p => p.RequireRole(Roles.Supervisor, Roles.Admin).RequireClaim(TwoFactor.Claim, TwoFactor.Used))
    .AddPolicy(AuthorizationPolicies.Admin, p => p.RequireRole(Roles.Admin).RequireClaim(TwoFactor.Claim, TwoFactor.Used))
    .AddPolicy(AuthorizationPolicies.CompetitionAdmin, p => p.RequireRole(Roles.Supervisor, Roles.Admin).RequireClaim(TwoFactor.Claim, TwoFactor.Used)
        .AddRequirements(new EServices.Web.Features.CompetitionAdmin.CompetitionOwners.Requirement()));
builder.Services.AddSignInLimits();
builder.Services.AddPortalApi(builder.Configuration);
builder.Services.AddDataProtection().SetApplicationName("EServices").PersistKeysToDbContext<AppDbContext>();

builder.Services
    .AddControllersWithViews(o =>
    {
        o.Filters.Add(new AuthorizeFilter(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build()));
        o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
        o.Filters.Add(new RejectNulCharacters());
        o.Conventions.Add(new RouteParametersFromAddress());
    })
    .AddRazorOptions(o => o.ViewLocationExpanders.Add(new FeatureViewLocationExpander()))
    // The API's bodies: a property sent twice is refused, not "the last one wins".
    .AddJsonOptions(o => o.JsonSerializerOptions.AllowDuplicateProperties = false);
// A year, subdomains too. Localhost is not excluded (the default list excludes it): HSTS is only on outside
// Development, where a host named localhost is a real deployment behind a local TLS proxy; browsers ignore it
// for IP addresses anyway (RFC 6797 §8.1).
builder.Services.AddHsts(o =>
{
    o.MaxAge = TimeSpan.FromDays(365);
    o.IncludeSubDomains = true;
    o.ExcludedHosts.Clear();
});
builder.Services.AddOptions<WaitingRoomOptions>().BindConfiguration(WaitingRoomOptions.Section);
builder.Services.AddSingleton<WaitingRoom>();
builder.Services.AddHealthChecks()
    .AddCheck<DatabaseReadiness>(DatabaseReadiness.Name, tags: [WaitingRoomHealth.Ready])
    .AddCheck<WaitingRoomHealth>(WaitingRoomHealth.Name, tags: [WaitingRoomHealth.Ready]);

var app = builder.Build();

if (args.Contains(VerifyAuditCommand.Name))
{
    // An operator's check, read only: no migration, no web server, no background jobs.
    return await VerifyAuditCommand.RunAsync(app.Services, Console.Out, CancellationToken.None);
}

if (app.Configuration.GetValue("Database:MigrateOnStartup", true))
{
    await DatabaseSetup.MigrateAndSeedAsync(app.Services);
}

app.UseTrustedProxies(app.Configuration); // first: the scheme and client address everything below relies on
// Outside the error pages' re-execution: one line per request, under its own path, with the status the client got
// (during an outage, 503 — not a 500 under the path and a 503 under /erreur).
app.UseSerilogRequestLogging(o =>
{
    o.Logger = app.Services.GetRequiredService<Serilog.ILogger>(); // this host's logger (see AddSerilog above)
    // A request the client gave up on (a closed tab, a load tester stopping) is not a server error.
    o.GetLevel = (http, _, ex) => http.RequestAborted.IsCancellationRequested ? LogEventLevel.Information
        : ex is not null || http.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Debug;
});
app.UsePortalMetrics(app.Configuration); // before the waiting room and the session: a scrape never queues
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/erreur",
        // An outage is not a bug: the request's own line says 503 with its cause (ErrorsController); no stack trace per request.
        SuppressDiagnosticsCallback = c => DatabaseFaults.IsUnavailable(c.Exception),
    });
    app.UseHsts();
}

app.UseSessionCookies();
app.UseStatusCodePagesWithReExecute("/erreur/{0}");
app.UseStaticFiles(new StaticFileOptions
{
    OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl =
        ctx.Context.Request.Query.ContainsKey("v") ? "public,max-age=31536000,immutable" : "public,max-age=3600",
});
app.UseWaitingRoom(); // before anything that reads the session or the database: a waiting visitor costs little
app.UseRouting();
app.UseSignInLimits();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache(); // after authentication: cached pages are for anonymous visitors only
// Live: the process answers (a balancer restarts a node that fails it). Ready: it can serve, PostgreSQL included (a
// balancer sends it no visitor while it fails). /health is ready, as before.
app.MapHealthChecks("/health/live", WaitingRoomHealth.Live).AllowAnonymous();
app.MapHealthChecks("/health/ready", WaitingRoomHealth.Options).AllowAnonymous();
app.MapHealthChecks("/health", WaitingRoomHealth.Options).AllowAnonymous();
// The baseline of scripts/bench.sh: a fixed answer through the same middleware, without the database (/health asks it).
// Off unless Bench:Enabled is set, so production never serves it.
if (app.Configuration.GetValue("Bench:Enabled", false))
{
    app.MapGet("/bench/plaintext", () => "Hello, World!").AllowAnonymous();
}
app.MapControllers();
app.MapOpenApi("/api/v1/openapi.json").AllowAnonymous();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
