using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EServices.Tests.Payments;

/// <summary>A notification as the merchant's notify_url received it: the form and its x-token header.</summary>
public sealed record ReceivedNotification(IFormCollection Form, string? XToken);

/// <summary>A tiny merchant's notify_url on a free loopback port: keeps each notification the simulator posts.</summary>
public sealed class NotificationInbox : IAsyncDisposable
{
    private readonly Channel<ReceivedNotification> _received = Channel.CreateUnbounded<ReceivedNotification>();
    private WebApplication _app = null!;

    public Uri NotifyUrl { get; private set; } = null!;

    public static async Task<NotificationInbox> StartAsync()
    {
        var inbox = new NotificationInbox();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        inbox._app = builder.Build();
        inbox._app.MapPost("/notify", async (HttpContext http) =>
        {
            inbox._received.Writer.TryWrite(new ReceivedNotification(await http.Request.ReadFormAsync(), http.Request.Headers["x-token"].ToString()));
            return Results.Ok();
        });
        await inbox._app.StartAsync();
        inbox.NotifyUrl = new Uri(inbox._app.Urls.Single() + "/notify");
        return inbox;
    }

    /// <summary>Notifications received and not yet taken.</summary>
    public int Waiting => _received.Reader.Count;

    /// <summary>The next notification, waiting for it a few seconds at most.</summary>
    public async Task<ReceivedNotification> NextAsync()
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return await _received.Reader.ReadAsync(wait.Token);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
