using Microsoft.AspNetCore.Mvc.Testing;

namespace EServices.Tests.Infrastructure;

public static class StartupFailure
{
    /// <summary>A portal expected not to start: it must refuse, and what it says is read where the operator reads it, its
    /// log (<paramref name="logs"/>, registered as a sink). The exception the test host rethrows is sometimes its own
    /// ObjectDisposedException instead of the portal's, when the failed host is disposed while the test host still starts it.</summary>
    public static string Logged(WebApplicationFactory<Program> portal, LogCapture logs)
    {
        Assert.ThrowsAny<Exception>(() => portal.Server);
        return string.Join('\n', logs.Errors);
    }
}
