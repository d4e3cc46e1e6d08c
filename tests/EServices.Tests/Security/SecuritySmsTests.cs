using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Security;

/// <summary>Review of issue 16 findings 3 and 9: what an SMS tells of an account (someone trying the number, a lockout, a
/// password changed) is a security notice, not a code (retention blanks codes after 10 minutes), and those anyone can
/// cause are capped per number.</summary>
[Collection(WebCollection.Name)]
public sealed class SecuritySmsTests(HostFixture host)
{
    private const string Attempt = "quelqu'un a tenté de créer un compte avec votre numéro";
    private const string Locked = "votre compte est bloqué 15 minutes";
    private const string Changed = "le mot de passe de votre compte a été changé";

    [Fact]
    public async Task Notices_about_an_account_are_security_sms_and_codes_stay_codes()
    {
        using var owner = host.NewSession();
        var (phone, _) = await TestUsers.SignUpByPhoneAsync(owner);
        await owner.SubmitAsync(await owner.GetAsync("/"), "Se déconnecter");
        await TrySignUpAsync(phone);
        await LockOutAsync(phone);
        await ResetPasswordAsync(phone);

        var sent = await TestSms.ToAsync(host, phone);
        Assert.Equal(SmsKind.Security, Assert.Single(sent, s => s.Text.Contains(Attempt, StringComparison.Ordinal)).Kind);
        Assert.Equal(SmsKind.Security, Assert.Single(sent, s => s.Text.Contains(Locked, StringComparison.Ordinal)).Kind);
        Assert.Equal(SmsKind.Security, Assert.Single(sent, s => s.Text.Contains(Changed, StringComparison.Ordinal)).Kind);
        Assert.Equal(2, sent.Count(s => s.Kind == SmsKind.Code && s.Text.StartsWith("Votre code E-services", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_number_gets_three_warnings_a_day_at_most_but_always_hears_of_a_change()
    {
        using var owner = host.NewSession();
        var (phone, _) = await TestUsers.SignUpByPhoneAsync(owner);
        await owner.SubmitAsync(await owner.GetAsync("/"), "Se déconnecter");
        var clock = (ShiftedClock)host.Services.GetRequiredService<TimeProvider>();
        var moved = TimeSpan.Zero;
        try
        {
            await TrySignUpAsync(phone);
            await TrySignUpAsync(phone);
            clock.Advance(TimeSpan.FromMinutes(16)); // three codes a quarter hour for one number, the owner's included
            moved += TimeSpan.FromMinutes(16);
            await TrySignUpAsync(phone);
            await LockOutAsync(phone);
            clock.Advance(TimeSpan.FromMinutes(16));
            moved += TimeSpan.FromMinutes(16);
            await ResetPasswordAsync(phone);
        }
        finally
        {
            clock.Advance(-moved);
        }

        var sent = await TestSms.ToAsync(host, phone);
        Assert.Equal(3, sent.Count(s => s.Text.Contains(Attempt, StringComparison.Ordinal)));
        Assert.DoesNotContain(sent, s => s.Text.Contains(Locked, StringComparison.Ordinal));
        Assert.Single(sent, s => s.Text.Contains(Changed, StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, l => l.Contains($"number ending in \"{phone[^2..]}\" not queued", StringComparison.Ordinal));
    }

    /// <summary>A stranger signs up with <paramref name="phone"/>: its owner is warned instead of a code being sent.</summary>
    private async Task TrySignUpAsync(string phone)
    {
        using var stranger = host.NewSession();
        var page = await stranger.SubmitAsync(await stranger.GetAsync("/compte/inscription"), "Créer mon compte",
            [("LastName", "Kaboré"), ("FirstNames", "Paul"), ("Email", ""), ("Phone", phone), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password)]);
        Assert.Equal("Saisissez le code reçu par SMS", page.Html.QuerySelector("h1")!.TextContent);
    }

    private async Task LockOutAsync(string phone)
    {
        using var stranger = host.NewSession();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var page = await stranger.SubmitAsync(await stranger.GetAsync("/compte/connexion"), "Se connecter", [("Email", phone), ("Password", "ce n'est pas le bon")]);
            Assert.Equal(AccountController.SignInRefused, page.ErrorFor("Password"));
        }
    }

    private async Task ResetPasswordAsync(string phone)
    {
        using var session = host.NewSession();
        var page = await session.SubmitAsync(await session.GetAsync("/compte/mot-de-passe-oublie"), "Recevoir le lien ou le code", [("Email", phone)]);
        var code = TestUsers.CodeIn((await TestSms.LastToAsync(host, phone)).Text);
        var done = await session.SubmitAsync(page, "Valider le code", [("Code", code), ("Password", "nouvelle phrase de passe"), ("ConfirmPassword", "nouvelle phrase de passe")]);
        Assert.Contains("Votre mot de passe est changé", done.Text, StringComparison.Ordinal);
    }
}
