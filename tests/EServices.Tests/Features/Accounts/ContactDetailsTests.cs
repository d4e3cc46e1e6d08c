using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Accounts;

/// <summary>"Mes coordonnées" of an account with an address: its first confirmed number adds SMS to its notices (review of
/// issue 16 finding 12: "the default is what they have"), a choice made afterwards is kept.</summary>
[Collection(WebCollection.Name)]
public sealed class ContactDetailsTests(HostFixture host)
{
    [Fact]
    public async Task An_account_with_an_address_is_told_by_sms_too_once_its_number_is_confirmed_and_then_chooses()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        var page = await session.GetAsync("/compte/coordonnees");
        Assert.Contains("(non vérifié)", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Html.QuerySelectorAll("input[name=Notices]"));
        Assert.Equal(1, await NoticesAsync(user));

        var done = await ConfirmAsync(session, page, TestSms.NewPhone(), user.Password);
        Assert.Contains("Vous serez désormais prévenu par SMS et par e-mail ; modifiez-le ci-dessous.", done.Text, StringComparison.Ordinal);
        Assert.Equal(["Sms", "Email", "Both"], done.Html.QuerySelectorAll("input[name=Notices]").Select(i => i.GetAttribute("value")!));
        Assert.Equal("Both", done.Html.QuerySelector("input[name=Notices][checked]")!.GetAttribute("value"));
        Assert.Equal(3, await NoticesAsync(user));

        // E-mail only, chosen: a later change of number keeps it, and says nothing of the notices.
        var saved = await session.SubmitAsync(done, "Enregistrer mon choix", [("Notices", "Email")]);
        Assert.Contains("Votre choix est enregistré.", saved.Text, StringComparison.Ordinal);
        Assert.Equal(1, await NoticesAsync(user));
        var again = await ConfirmAsync(session, saved, TestSms.NewPhone(), user.Password);
        Assert.DoesNotContain("désormais prévenu", again.Text, StringComparison.Ordinal);
        Assert.Equal("Email", again.Html.QuerySelector("input[name=Notices][checked]")!.GetAttribute("value"));
        Assert.Equal(1, await NoticesAsync(user));

        foreach (var odd in new[] { "3", "None", "Sms, Email", new string('é', 200) })
        {
            var refused = await session.SubmitAsync(again, "Enregistrer mon choix", [("Notices", odd)]);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.NotNull(refused.ErrorFor("Notices"));
        }
    }

    /// <summary>Changes the account's number to <paramref name="phone"/> with the code sent to it; the page the portal then shows.</summary>
    private async Task<Page> ConfirmAsync(WebSession session, Page page, string phone, string password)
    {
        var sent = await session.SubmitAsync(page, "Recevoir le code", [("NewPhone", phone), ("Password", password)]);
        return await session.SubmitAsync(sent, "Valider le code", [("Code", TestUsers.CodeIn((await TestSms.LastToAsync(host, phone)).Text))]);
    }

    private async Task<int> NoticesAsync(TestUser user) =>
        (int)(await host.ScalarAsync("SELECT notices FROM \"AspNetUsers\" WHERE email = @e", ("e", user.Email)))!;
}
