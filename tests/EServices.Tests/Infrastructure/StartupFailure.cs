using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Infrastructure;

public static class StartupFailure
{
    /// <summary>A portal expected not to start: it must refuse, and what it says is read where the operator reads it, its
    /// log. The exception the test host rethrows is sometimes its own ObjectDisposedException instead of the portal's,
    /// when the failed host is disposed while the test host still starts it.</summary>
    public static string Logged(WebApplicationFactory<Program> portal)
    {
        var logs = new LogCapture();
        var watched = portal.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<Serilog.Core.ILogEventSink>(logs)));
        Assert.ThrowsAny<Exception>(() => watched.Server);
        return string.Join('\n', logs.Errors);
    }
}
