using System.Net;
using System.Net.Sockets;
using System.Text;
using EServices.Tests.Infrastructure;
using EServices.Web.Infrastructure.Sms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EServices.Tests.Sms;

/// <summary>
/// A gateway that misbehaves: a wrong sendsms password (the real Kannel answers 403), a gateway that never answers,
/// a node stopping while calls are in flight. A portal of its own, whose nodes (<see cref="SenderNode"/>) each send
/// with their settings and whose outbox job the test drives itself, on the portal's clock.
/// </summary>
[Collection(SmsGatewayCollection.Name)]
public sealed class GatewayTroubleTests(SmsGateway gateway, GatewayTroubleTests.Portal portal) : IClassFixture<GatewayTroubleTests.Portal>
{
    /// <summary>The portal: it queues, and sends nothing itself (no gateway configured).</summary>
    public sealed class Portal : HostFixture;

    private static readonly string Secret = Guid.NewGuid().ToString("N");

    private ShiftedClock Clock => (ShiftedClock)portal.Services.GetRequiredService<TimeProvider>();

    [Fact]
    public async Task A_wrong_sendsms_password_keeps_the_sms_waiting_logs_an_error_and_it_leaves_once_the_password_is_right()
    {
        await portal.ScalarAsync("DELETE FROM outbox_sms");
        var phone = TestSms.NewPhone();
        var id = await SmsGateway.QueueAsync(portal, phone, "Votre code : 123456");
        await using (var wrong = await SenderNode.StartAsync(portal, gateway.Kannel.SendSmsUrl, gateway.Kannel.SendsmsPassword + "x"))
        {
            await LastErrorAsync(id); // the node's first pass, at start
            Assert.Contains(wrong.Logs.Errors, e => e.Contains("refuses the portal", StringComparison.Ordinal));
        }

        Assert.Equal("Waiting", await portal.ScalarAsync("SELECT delivery FROM outbox_sms WHERE id = @id", ("id", id)));
        Assert.StartsWith("sendsms 403", (string)(await portal.ScalarAsync("SELECT last_error FROM outbox_sms WHERE id = @id", ("id", id)))!, StringComparison.Ordinal);
        Assert.Empty(gateway.Centre.To(SmsGateway.E164(phone)));

        // The operator fixes the password and restarts the portal: the SMS leaves at the next pass, once.
        Clock.Advance(TimeSpan.FromMinutes(1));
        await using (await SenderNode.StartAsync(portal, gateway.Kannel.SendSmsUrl, gateway.Kannel.SendsmsPassword))
        {
            Assert.Equal("Votre code : 123456", Assert.Single(await gateway.Centre.WaitForAsync(SmsGateway.E164(phone))).Text);
            await SmsGateway.WaitUntilAsync(async () => (await StateAsync(id)).Sent);
        }

        Assert.Single(gateway.Centre.To(SmsGateway.E164(phone)));
    }

    [Fact]
    public async Task A_gateway_that_answers_too_late_gets_the_sms_once_and_it_is_tried_again_only_after_the_stale_claim_delay()
    {
        await portal.ScalarAsync("DELETE FROM outbox_sms");
        await using var silent = new StandIn(_ => false);
        var id = await SmsGateway.QueueAsync(portal, TestSms.NewPhone(), "Avis");
        await using var node = await SenderNode.StartAsync(portal, silent.Url, Secret, sendTimeout: "00:00:01");

        Assert.Contains("no answer within 1 s", await LastErrorAsync(id), StringComparison.Ordinal); // the first pass, at start
        Assert.Equal(1, silent.Requests);
        Assert.Equal((false, true, "Waiting"), await StateAsync(id));

        // Released, it would be due again 5 s later; kept, it waits for a delivery report.
        Clock.Advance(TimeSpan.FromMinutes(1));
        await node.Job.RunOnceAsync(CancellationToken.None);
        Assert.Equal(1, silent.Requests);

        // Still no report 5 minutes after the claim: maybe never sent, so sent again.
        Clock.Advance(TimeSpan.FromMinutes(5));
        await node.Job.RunOnceAsync(CancellationToken.None);
        Clock.Advance(TimeSpan.FromMinutes(-6));
        Assert.Equal(2, silent.Requests);
    }

    [Fact]
    public async Task A_node_stopping_mid_batch_saves_what_kannel_already_accepted()
    {
        await portal.ScalarAsync("DELETE FROM outbox_sms");
        await using var slow = new StandIn(request => request.Contains("text=Rapide", StringComparison.Ordinal));
        await using var node = await SenderNode.StartAsync(portal, slow.Url, Secret);
        await Task.Delay(1000); // its first pass, at start, found nothing: this pass is the test's
        var accepted = await SmsGateway.QueueAsync(portal, TestSms.NewPhone(), "Rapide");
        var inFlight = await SmsGateway.QueueAsync(portal, TestSms.NewPhone(), "Lent");

        using var stopping = new CancellationTokenSource();
        var pass = node.Job.RunOnceAsync(stopping.Token);
        await SmsGateway.WaitUntilAsync(() => Task.FromResult(slow.Requests == 2 && slow.Answered == 1));
        await Task.Delay(500); // the portal reads Kannel's 202
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pass);

        Assert.Equal((true, true, "Accepted"), await StateAsync(accepted));
        Assert.Equal((false, true, "Waiting"), await StateAsync(inFlight)); // maybe sent: the stale-claim rule decides
    }

    private async Task<string> LastErrorAsync(long id)
    {
        await SmsGateway.WaitUntilAsync(async () => await portal.ScalarAsync("SELECT last_error FROM outbox_sms WHERE id = @id", ("id", id)) is string);
        return (string)(await portal.ScalarAsync("SELECT last_error FROM outbox_sms WHERE id = @id", ("id", id)))!;
    }

    private async Task<(bool Sent, bool Claimed, string Delivery)> StateAsync(long id) =>
        ((bool)(await portal.ScalarAsync("SELECT sent_at IS NOT NULL FROM outbox_sms WHERE id = @id", ("id", id)))!,
         (bool)(await portal.ScalarAsync("SELECT claimed_at IS NOT NULL FROM outbox_sms WHERE id = @id", ("id", id)))!,
         (string)(await portal.ScalarAsync("SELECT delivery FROM outbox_sms WHERE id = @id", ("id", id)))!);

    /// <summary>A node of the portal sending through <paramref name="url"/>; its job makes one pass at start, then only
    /// when the test runs it.</summary>
    private sealed class SenderNode(HostFixture portal, string url, string password, string sendTimeout) : HostFixture(portal, migrates: false), IAsyncDisposable
    {
        public static async Task<SenderNode> StartAsync(HostFixture portal, string url, string password, string sendTimeout = "00:00:10")
        {
            var node = new SenderNode(portal, url, password, sendTimeout);
            await ((IAsyncLifetime)node).InitializeAsync();
            return node;
        }

        public SmsDispatchJob Job => Services.GetServices<IHostedService>().OfType<SmsDispatchJob>().Single();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Sms:SendSmsUrl", url);
            builder.UseSetting("Sms:UserName", "portal");
            builder.UseSetting("Sms:Password", password);
            builder.UseSetting("Sms:CallbackUrl", "http://127.0.0.1:9"); // reports of this portal's ids must not reach the gateway's
            builder.UseSetting("Sms:CallbackSecret", Secret);
            builder.UseSetting("Sms:SendTimeout", sendTimeout);
            builder.UseSetting("Sms:PollInterval", "01:00:00");
        }

        async ValueTask IAsyncDisposable.DisposeAsync() => await ((IAsyncLifetime)this).DisposeAsync();
    }

    /// <summary>Plays smsbox on a free loopback port: takes every sendsms call, answers 202 to those
    /// its predicate picks, and never to the others (their connection stays open, silent).</summary>
    private sealed class StandIn : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];
        private readonly Func<string, bool> _answers;
        private readonly Task _accepting;
        private int _requests;
        private int _answered;

        public StandIn(Func<string, bool> answers)
        {
            _answers = answers;
            _listener.Start();
            _accepting = AcceptAsync();
        }

        public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/cgi-bin/sendsms";

        public int Requests => Volatile.Read(ref _requests);

        public int Answered => Volatile.Read(ref _answered);

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    lock (_clients)
                    {
                        _clients.Add(client);
                    }

                    _ = ServeAsync(client);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // stopped
            }
        }

        /// <summary>Serves every request of a kept-alive connection: the portal's client may send its second SMS on
        /// the connection of the first once that one is answered.</summary>
        private async Task ServeAsync(TcpClient client)
        {
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var received = new StringBuilder();
            while (true)
            {
                int end;
                while ((end = received.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) < 0)
                {
                    var read = await stream.ReadAsync(buffer);
                    if (read == 0)
                    {
                        return;
                    }

                    received.Append(Encoding.ASCII.GetString(buffer, 0, read));
                }

                var head = received.ToString(0, end);
                received.Remove(0, end + 4);
                Interlocked.Increment(ref _requests);
                if (!_answers(head))
                {
                    return; // silent: the connection stays open, unanswered
                }

                await stream.WriteAsync("HTTP/1.1 202 Accepted\r\nContent-Length: 24\r\n\r\n0: Accepted for delivery"u8.ToArray());
                Interlocked.Increment(ref _answered);
            }
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _accepting;
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }
        }
    }
}
