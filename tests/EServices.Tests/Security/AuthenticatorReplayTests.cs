using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>ASVS V2.8.4 / V2.8.5 (issue 14, point 3): an authenticator code is accepted once, and only for a time step later
/// than the account's last accepted one: at sign-in, at the step-up page, even from two sessions at the same instant.</summary>
[Collection(SessionCollection.Name)]
public sealed class AuthenticatorReplayTests(SessionHost host)
{
    private const string WrongCode = "Code incorrect ou expiré. Saisissez le code affiché maintenant par votre application.";

    private static async Task<Page> CodePageAsync(WebSession session, TestUser staff) =>
        await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", staff.Email), ("Password", staff.Password)]);

    private static async Task AssertBackOfficeClosedAsync(WebSession session) =>
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/back-office", follow: false)).Status);

    [Fact]
    public async Task A_code_that_opened_a_session_does_not_open_a_second_one()
    {
        var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP");
        var code = await Totp.NextAsync(staff.AuthenticatorKey!);
        using var first = host.NewSession();
        var signedIn = await first.SubmitAsync(await CodePageAsync(first, staff), "Valider", [("Code", code)]);
        Assert.StartsWith("/back-office", signedIn.Url, StringComparison.Ordinal);

        using var second = host.NewSession();
        var replayed = await second.SubmitAsync(await CodePageAsync(second, staff), "Valider", [("Code", code)]);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);
        Assert.Equal(WrongCode, replayed.ErrorFor("Code"));
        await AssertBackOfficeClosedAsync(second);
    }

    [Fact]
    public async Task The_previous_windows_code_is_refused_once_a_newer_one_was_accepted()
    {
        var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP");
        using var first = host.NewSession();
        var signedIn = await first.SubmitAsync(await CodePageAsync(first, staff), "Valider", [("Code", Totp.Code(staff.AuthenticatorKey!, DateTimeOffset.UtcNow))]);
        Assert.StartsWith("/back-office", signedIn.Url, StringComparison.Ordinal);

        using var second = host.NewSession();
        var older = await second.SubmitAsync(await CodePageAsync(second, staff), "Valider", [("Code", Totp.Code(staff.AuthenticatorKey!, DateTimeOffset.UtcNow.AddSeconds(-30)))]);
        Assert.Equal(HttpStatusCode.BadRequest, older.Status);
        Assert.Equal(WrongCode, older.ErrorFor("Code"));
        await AssertBackOfficeClosedAsync(second);
    }

    [Fact]
    public async Task Of_two_sessions_sending_the_same_code_at_once_exactly_one_is_signed_in()
    {
        for (var round = 0; round < 3; round++)
        {
            var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP");
            using var first = host.NewSession();
            using var second = host.NewSession();
            var pages = new[] { await CodePageAsync(first, staff), await CodePageAsync(second, staff) };
            var code = await Totp.NextAsync(staff.AuthenticatorKey!);
            var results = await Task.WhenAll(
                first.SubmitAsync(pages[0], "Valider", [("Code", code)]),
                second.SubmitAsync(pages[1], "Valider", [("Code", code)]));

            Assert.Equal(1, results.Count(r => r.Url.StartsWith("/back-office", StringComparison.Ordinal)));
            Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.BadRequest && r.ErrorFor("Code") == WrongCode));
        }
    }

    [Fact]
    public async Task The_code_used_at_sign_in_is_refused_at_the_step_up_page_and_a_new_one_is_accepted()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP");
        using var agent = host.NewSession();
        var code = await Totp.NextAsync(staff.AuthenticatorKey!);
        await agent.SubmitAsync(await CodePageAsync(agent, staff), "Valider", [("Code", code)]);
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        host.Clock.Advance(TimeSpan.FromMinutes(16));

        var asked = await agent.SubmitAsync(taken, "Accepter la demande");
        var replayed = await agent.SubmitAsync(asked, "Confirmer", [("CodeConfirmation", code)]);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);
        Assert.Equal(WrongCode, replayed.ErrorFor("CodeConfirmation"));
        Assert.Equal("UnderReview", await host.ScalarAsync("SELECT status FROM requests WHERE number = @n", ("n", number)));

        var accepted = await agent.SubmitAsync(replayed, "Confirmer", [("CodeConfirmation", await Totp.NextAsync(staff.AuthenticatorKey!))]);
        Assert.Contains($"Demande {number} : acceptée.", accepted.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_that_confirmed_enrolment_does_not_sign_in_again()
    {
        var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP", withAuthenticator: false);
        using var session = host.NewSession();
        var enrol = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", staff.Email), ("Password", staff.Password)]);
        var key = enrol.Html.QuerySelector("ol code")!.TextContent;
        var code = await Totp.NextAsync(key);
        var enrolled = await session.SubmitAsync(enrol, "Activer", [("code", code)]);
        Assert.Contains("Double authentification activée", enrolled.Text, StringComparison.Ordinal);

        using var other = host.NewSession();
        var replayed = await other.SubmitAsync(await CodePageAsync(other, staff), "Valider", [("Code", code)]);
        Assert.Equal(WrongCode, replayed.ErrorFor("Code"));
        await AssertBackOfficeClosedAsync(other);
    }
}
