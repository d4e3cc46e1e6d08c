namespace EServices.Web.Infrastructure.Audit;

/// <summary>Seals new audit rows every few seconds (Audit:SealInterval), outside the requests that wrote them.</summary>
public sealed class AuditSealJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<AuditSealJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Audit:SealInterval", TimeSpan.FromSeconds(2));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAllAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Audit chain sealing failed; will retry");
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
