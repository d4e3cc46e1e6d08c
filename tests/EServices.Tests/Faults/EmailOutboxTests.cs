using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EServices.Tests.Faults;

/// <summary>The SMTP server is down when a request is filed, and comes back later.</summary>
public sealed class EmailOutboxTests
{
    [Fact]
    public async Task Filing_succeeds_while_smtp_is_down_and_its_email_goes_once_when_smtp_is_back()
    {
        // Its port is reserved now but nothing listens on it until the test starts it.
        await using var laterMailbox = new TestMailbox();
        var host = new SmtpDownHost(laterMailbox.Port);
        await Task.Run(((IAsyncLifetime)host).InitializeAsync);
        try
        {
            await Task.Run(async () =>
            {
                using var session = host.NewSession();
                var user = await TestUsers.SignUpAsync(session);
                var number = await AttestationJourney.FileAsync(session);
                Assert.Matches(@"^FP-2027-\d{6}$", number);
                var filed = await session.GetAsync($"/mes-demandes/{number}");
                Assert.Contains("Déposée", filed.Text, StringComparison.Ordinal);

                var subject = $"Demande {number} déposée";
                const string Row = "SELECT {0} FROM outbox_emails WHERE \"to\" = @to AND subject = @subject";
                await WaitForAsync(async () => (int)(await host.ScalarAsync(string.Format(Row, "attempts"), ("to", user.Email), ("subject", subject)))! >= 1);
                Assert.IsType<DBNull>(await host.ScalarAsync(string.Format(Row, "sent_at"), ("to", user.Email), ("subject", subject)));
                Assert.False(string.IsNullOrEmpty(await host.ScalarAsync(string.Format(Row, "last_error"), ("to", user.Email), ("subject", subject)) as string));

                await laterMailbox.StartAsync();
                // The back-off asks for 30 s before the next attempt: let that time pass.
                await host.ScalarAsync("UPDATE outbox_emails SET next_attempt_at = now() - interval '1 minute' WHERE \"to\" = @to AND sent_at IS NULL", ("to", user.Email));

                var email = await laterMailbox.WaitForAsync(user.Email, subject);
                Assert.Contains($"/mes-demandes/{number}", email.TextBody, StringComparison.Ordinal);
                await Task.Delay(TimeSpan.FromSeconds(1)); // five more polls of the outbox
                Assert.Single(laterMailbox.To(user.Email), m => m.Subject == subject);
                Assert.IsType<DateTime>(await host.ScalarAsync(string.Format(Row, "sent_at"), ("to", user.Email), ("subject", subject)));
            });
        }
        finally
        {
            await Task.Run(((IAsyncLifetime)host).DisposeAsync);
        }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(100);
        }
    }

    private sealed class SmtpDownHost(int smtpPort) : HostFixture
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:SmtpPort", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
