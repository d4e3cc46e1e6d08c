using System.Globalization;
using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Accounts;

/// <summary>Issue 14, point 8: the enrolment page offers a key without storing it; the key is stored by the POST that proves
/// the app has it, and only from the field the portal encrypted for that same user.</summary>
[Collection(WebCollection.Name)]
public sealed class EnrolmentTests(HostFixture host)
{
    private const string Expired = "Cette page a expiré : ajoutez la nouvelle clé ci-dessus à votre application, puis saisissez le code qu'elle affiche.";

    private async Task<(Page Page, string Email)> NewcomerAsync(WebSession session)
    {
        var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP", "Mariam", "Sawadogo", withAuthenticator: false);
        var page = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", staff.Email), ("Password", staff.Password)]);
        Assert.Equal("/compte/double-authentification", page.Url);
        return (page, staff.Email);
    }

    private async Task<(long Tokens, bool Enabled)> StoredAsync(string email) =>
        (Convert.ToInt64(await host.ScalarAsync("SELECT count(*) FROM \"AspNetUserTokens\" t JOIN \"AspNetUsers\" u ON u.id = t.user_id WHERE u.email = @e", ("e", email)), CultureInfo.InvariantCulture),
         (bool)(await host.ScalarAsync("SELECT two_factor_enabled FROM \"AspNetUsers\" WHERE email = @e", ("e", email)))!);

    [Fact]
    public async Task The_key_is_stored_by_the_confirming_post_only_and_only_from_the_field_made_for_that_user()
    {
        using var mine = host.NewSession();
        using var theirs = host.NewSession();
        var (page, email) = await NewcomerAsync(mine);
        var (theirPage, _) = await NewcomerAsync(theirs);
        var key = page.Html.QuerySelector("ol code")!.TextContent;
        Assert.NotEqual(key, (await mine.GetAsync("/compte/double-authentification")).Html.QuerySelector("ol code")!.TextContent);
        Assert.Equal((0L, false), await StoredAsync(email));

        var altered = await mine.SubmitAsync(page, "Activer", [("code", Totp.Code(key, DateTimeOffset.UtcNow)), ("cle", "AAAA")]);
        Assert.Equal(HttpStatusCode.BadRequest, altered.Status);
        Assert.Equal(Expired, altered.ErrorFor("code"));
        var othersField = theirPage.Html.QuerySelector("input[name=cle]")!.GetAttribute("value")!;
        var theirKey = theirPage.Html.QuerySelector("ol code")!.TextContent;
        var borrowed = await mine.SubmitAsync(page, "Activer", [("code", Totp.Code(theirKey, DateTimeOffset.UtcNow)), ("cle", othersField)]);
        Assert.Equal(Expired, borrowed.ErrorFor("code"));
        Assert.Equal((0L, false), await StoredAsync(email));

        var enrolled = await mine.SubmitAsync(page, "Activer", [("code", Totp.Code(key, DateTimeOffset.UtcNow))]);
        Assert.Contains("Double authentification activée", enrolled.Text, StringComparison.Ordinal);
        var (tokens, enabled) = await StoredAsync(email);
        Assert.True(enabled);
        Assert.True(tokens >= 1);
    }
}
