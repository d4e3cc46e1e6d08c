using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>The portal as configured by default: requests must name the public host, so a forged Host is refused before any
/// controller runs, and nothing is sent.</summary>
[Collection(WebCollection.Name)]
public sealed class ForgedHostRefusedTests(HostFixture host)
{
    [Theory]
    [InlineData("attacker.example")]
    [InlineData("localhost.attacker.example")]
    [InlineData("LOCALHOST.attacker.example:443")]
    public async Task A_password_reset_asked_with_another_Host_is_refused_and_sends_nothing(string forged)
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        var forgot = await session.GetAsync("/compte/mot-de-passe-oublie");
        session.Client.DefaultRequestHeaders.Host = forged;
        var sent = await session.SubmitAsync(forgot, "Recevoir le lien", [("Email", user.Email)], follow: false);

        Assert.Equal(HttpStatusCode.BadRequest, sent.Status);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM outbox_emails WHERE \"to\" = @to AND subject LIKE 'Réinitialisation%'", ("to", user.Email)));
    }
}
