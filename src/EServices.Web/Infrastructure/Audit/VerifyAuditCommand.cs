namespace EServices.Web.Infrastructure.Audit;

/// <summary>`EServices.Web verify-audit`: verifies the sealed chain (read only), prints the result; exit code 1 on a break.</summary>
public static class VerifyAuditCommand
{
    public const string Name = "verify-audit";

    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ChainVerifier>().VerifyAsync(ct);
        await output.WriteLineAsync(result.Summary);
        if (result.UnsealedNote is { } note)
        {
            await output.WriteLineAsync(note);
        }

        return result.Intact ? 0 : 1;
    }
}
