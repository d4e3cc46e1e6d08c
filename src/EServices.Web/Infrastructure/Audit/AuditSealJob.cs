namespace EServices.Web.Infrastructure.Audit;

/// <summary>Seals new audit rows every few seconds (Audit:SealInterval), outside the requests that wrote them.</summary>
public sealed class AuditSealJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<AuditSealJob> logger)
    : BackgroundJob(scopes, clock)
{
    protected override TimeSpan Period { get; } = configuration.GetValue("Audit:SealInterval", TimeSpan.FromSeconds(2));

    protected override async Task<bool> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        await services.GetRequiredService<AuditSealer>().SealAllAsync(ct);
        return false;
    }

    protected override void LogFailure(Exception failure) => logger.LogWarning(failure, "Audit chain sealing failed; will retry");
}
