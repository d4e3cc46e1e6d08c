using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Security;

/// <summary>ASVS V2.2.1 / V2.5.x (account enumeration at sign-up), V2.1 (the address is proved before an account exists):
/// every valid sign-up ends on the same page; a new address receives an activation link, an existing one warns its owner;
/// only « Activer mon compte » (a POST) creates the account, once.</summary>
[Collection(WebCollection.Name)]
public sealed partial class AccountsSignUpActivationTests(HostFixture host)
{
    [Fact]
    public async Task A_sign_up_page_reads_the_same_for_a_new_address_and_for_one_with_an_account()
    {
        using var owner = host.NewSession();
        var user = await TestUsers.SignUpAsync(owner, "Mariam", "Sawadogo");
        var fresh = $"nouveau-{Guid.NewGuid():N}@exemple.bf";

        using var session = host.NewSession();
        var known = await SignUpAsync(session, user.Email);
        var unknown = await SignUpAsync(session, fresh);

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal(known.Status, unknown.Status);
        Assert.Contains("Vérifiez votre messagerie", unknown.Text, StringComparison.Ordinal);
        Assert.Equal(Comparable(known, user.Email), Comparable(unknown, fresh));
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/mes-demandes", follow: false)).Status);
    }

    [Fact]
    public async Task A_new_address_gets_a_public_activation_link_whose_button_creates_the_account_and_signs_in()
    {
        using var session = host.NewSession();
        var email = $"nouveau-{Guid.NewGuid():N}@exemple.bf";
        await SignUpAsync(session, email, returnUrl: "/demarches?q=acte");
        Assert.Equal(0L, await CountAsync(email));

        var mail = await host.Mailbox.WaitForAsync(email, TestUsers.ActivationSubject);
        Assert.Contains("Bonjour Awa,", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(TestUsers.Password, mail.TextBody, StringComparison.Ordinal);
        var link = TestUsers.ActivationLink(mail);
        Assert.Equal(host.BaseAddress.GetLeftPart(UriPartial.Authority), link.GetLeftPart(UriPartial.Authority));

        // Opening the link (as a mail scanner does) creates nothing: only the button does.
        var page = await session.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(email, page.Text, StringComparison.Ordinal);
        Assert.Equal(0L, await CountAsync(email));
        var done = await session.SubmitAsync(page, "Activer mon compte", follow: false);
        Assert.Equal("/demarches?q=acte", done.Location);
        var home = await session.FollowAsync(done);
        Assert.Contains("Votre compte est créé", home.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/mes-demandes", follow: false)).Status);
        Assert.Equal("1|true", await host.ScalarAsync(
            "SELECT count(*) || '|' || bool_and(email_confirmed) FROM \"AspNetUsers\" WHERE normalized_email = upper(@e)", ("e", email)));

        // The password typed at sign-up is the account's.
        using var again = host.NewSession();
        var signedIn = await again.SubmitAsync(await again.GetAsync("/compte/connexion"), "Se connecter", [("Email", email), ("Password", TestUsers.Password)], follow: false);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.Status);
    }

    [Fact]
    public async Task A_second_activation_or_two_at_once_say_the_account_exists_and_create_one_account()
    {
        using var session = host.NewSession();
        var email = $"deux-fois-{Guid.NewGuid():N}@exemple.bf";
        await SignUpAsync(session, email);
        await SignUpAsync(session, email);
        var links = (await WaitForAsync(email, 2)).Select(m => TestUsers.ActivationPath(m)).ToList();

        using var a = host.NewSession();
        using var b = host.NewSession();
        using var c = host.NewSession();
        var pages = new[] { await a.GetAsync(links[0]), await b.GetAsync(links[1]), await c.GetAsync(links[0]) };
        var results = await Task.WhenAll(
            a.SubmitAsync(pages[0], "Activer mon compte", follow: false),
            b.SubmitAsync(pages[1], "Activer mon compte", follow: false));
        var late = await c.SubmitAsync(pages[2], "Activer mon compte", follow: false);

        Assert.Single(results, r => r.Status == HttpStatusCode.Redirect);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Redirect).Append(late), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Contains("Ce compte est déjà activé", r.Text, StringComparison.Ordinal);
        });
        Assert.Equal(1L, await CountAsync(email));
    }

    [Theory]
    [InlineData("altered")]
    [InlineData("truncated")]
    [InlineData("empty")]
    [InlineData("garbage")]
    public async Task An_altered_activation_link_is_refused_in_french_and_creates_nothing(string how)
    {
        using var session = host.NewSession();
        var email = $"altere-{Guid.NewGuid():N}@exemple.bf";
        await SignUpAsync(session, email);
        var link = TestUsers.ActivationLink(await host.Mailbox.WaitForAsync(email, TestUsers.ActivationSubject));
        var token = Uri.UnescapeDataString(link.Query["?jeton=".Length..]);
        var page = await session.GetAsync(link.PathAndQuery);
        var forged = how switch
        {
            "altered" => token[..^6] + (token[^6] == 'A' ? 'B' : 'A') + token[^5..],
            "truncated" => token[..(token.Length / 2)],
            "empty" => "",
            _ => "CfDJ8" + new string('x', 300),
        };

        var opened = await session.GetAsync("/compte/activer?jeton=" + Uri.EscapeDataString(forged));
        var posted = await session.SubmitAsync(page, "Activer mon compte", [("Jeton", forged)]);

        foreach (var refused in new[] { opened, posted })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("Ce lien d'activation n'est pas valable", refused.Text, StringComparison.Ordinal);
            Assert.NotNull(refused.Html.QuerySelector("a[href='/compte/inscription']"));
        }

        Assert.Equal(0L, await CountAsync(email));
    }

    [Fact]
    public async Task An_activation_link_older_than_24_hours_is_refused_and_offers_to_sign_up_again()
    {
        using var session = host.NewSession();
        var email = $"expire-{Guid.NewGuid():N}@exemple.bf";
        await SignUpAsync(session, email);
        var link = TestUsers.ActivationLink(await host.Mailbox.WaitForAsync(email, TestUsers.ActivationSubject));
        var page = await session.GetAsync(link.PathAndQuery);
        Assert.Contains("Activer mon compte", page.Text, StringComparison.Ordinal);

        var clock = (ShiftedClock)host.Services.GetRequiredService<TimeProvider>();
        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Page opened, posted;
        try
        {
            opened = await session.GetAsync(link.PathAndQuery);
            posted = await session.SubmitAsync(page, "Activer mon compte");
        }
        finally
        {
            clock.Advance(-(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1)));
        }

        foreach (var refused in new[] { opened, posted })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("Il a expiré (il est valable 24 heures)", refused.Text, StringComparison.Ordinal);
            Assert.NotNull(refused.Html.QuerySelector("a[href='/compte/inscription']"));
        }

        Assert.Equal(0L, await CountAsync(email));
    }

    [Fact]
    public async Task A_sign_up_with_an_address_that_has_an_account_warns_its_owner_and_creates_nothing()
    {
        using var owner = host.NewSession();
        var user = await TestUsers.SignUpAsync(owner, "Mariam", "Sawadogo");
        var hash = await host.ScalarAsync("SELECT password_hash FROM \"AspNetUsers\" WHERE email = @e", ("e", user.Email));
        using var stranger = host.NewSession();

        var page = await SignUpAsync(stranger, "  " + user.Email.ToUpperInvariant() + " ");

        Assert.Contains("Vérifiez votre messagerie", page.Text, StringComparison.Ordinal);
        var warning = await host.Mailbox.WaitForAsync(user.Email, "Tentative de création d'un compte avec votre adresse");
        Assert.Contains("Bonjour Mariam,", warning.TextBody, StringComparison.Ordinal);
        Assert.Single(host.Mailbox.To(user.Email), m => m.Subject == TestUsers.ActivationSubject);
        Assert.Equal(1L, await CountAsync(user.Email));
        Assert.Equal(hash, await host.ScalarAsync("SELECT password_hash FROM \"AspNetUsers\" WHERE email = @e", ("e", user.Email)));
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/mes-demandes", follow: false)).Status);
    }

    private static async Task<Page> SignUpAsync(WebSession session, string email, string? returnUrl = null) =>
        await session.SubmitAsync(await session.GetAsync("/compte/inscription" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl))),
            "Créer mon compte",
        [
            ("LastName", "Ouédraogo"), ("FirstNames", "Awa"), ("Email", email), ("Phone", "70 12 34 56"),
            ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password),
        ]);

    private async Task<long> CountAsync(string email) =>
        (long)(await host.ScalarAsync("SELECT count(*) FROM \"AspNetUsers\" WHERE normalized_email = upper(@e)", ("e", email)))!;

    private async Task<List<MimeKit.MimeMessage>> WaitForAsync(string email, int count)
    {
        for (var i = 0; i < 200 && host.Mailbox.To(email).Count(m => m.Subject == TestUsers.ActivationSubject) < count; i++)
        {
            await Task.Delay(100);
        }

        return host.Mailbox.To(email).Where(m => m.Subject == TestUsers.ActivationSubject).ToList();
    }

    /// <summary>The page without what differs on every answer (antiforgery token, script nonce) and without the address typed.</summary>
    private static string Comparable(Page page, string email)
    {
        var html = page.Html.DocumentElement.OuterHtml.Replace(email, "ADRESSE", StringComparison.OrdinalIgnoreCase);
        return PerResponse().Replace(html, "");
    }

    [GeneratedRegex(@"(name=""__RequestVerificationToken""[^>]*>)|(nonce=""[^""]*"")|(value=""CfDJ8[^""]*"")")]
    private static partial Regex PerResponse();
}
