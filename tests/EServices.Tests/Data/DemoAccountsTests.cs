using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace EServices.Tests.Data;

/// <summary>A portal seeded with the README's demo accounts, as scripts/run.sh starts it.</summary>
public sealed class DemoAccountsHost : HostFixture
{
    public const string Password = "Demo-EServices-2026";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:DemoAccounts", "true");
        builder.UseSetting("Seed:DemoPassword", Password);
    }
}

public sealed class DemoAccountsTests(DemoAccountsHost host) : IClassFixture<DemoAccountsHost>
{
    [Theory]
    [InlineData("70 00 00 07", "+226 70 00 00 07")] // no e-mail: the phone is the only way in
    [InlineData("+226 70 00 00 01", "+226 70 00 00 01")]
    [InlineData("usager@demo.bf", "+226 70 00 00 01")]
    public async Task A_demo_applicant_signs_in_with_the_README_password_by_number_or_e_mail(string identifier, string number)
    {
        using var session = host.NewSession();
        var mine = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter",
            [("Email", identifier), ("Password", DemoAccountsHost.Password)]);

        Assert.Equal("Mes demandes", mine.Html.QuerySelector("h1")!.TextContent);
        var account = await session.GetAsync("/compte/coordonnees");
        Assert.Contains(number, account.Text, StringComparison.Ordinal);
    }
}

public sealed class DemoCashierTests(DemoAccountsHost host) : IClassFixture<DemoAccountsHost>
{
    [Fact]
    public async Task The_demo_cashier_signs_in_with_the_README_password_and_key_and_lands_on_the_counter()
    {
        using var session = host.NewSession();
        var code = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter",
            [("Email", "caisse@demo.bf"), ("Password", DemoAccountsHost.Password)]);
        var counter = await session.SubmitAsync(code, "Valider", [("Code", await Totp.NextAsync(EServices.Web.Data.Seed.DemoAccounts.StaffAuthenticatorKey))]);

        Assert.StartsWith("/caisse", counter.Url, StringComparison.Ordinal);
        var inbox = await session.GetAsync("/back-office");
        Assert.Contains("/compte/acces-refuse", inbox.Url, StringComparison.Ordinal); // the inbox is not theirs
    }
}

public sealed class DemoClerkTests(DemoAccountsHost host) : IClassFixture<DemoAccountsHost>
{
    [Fact]
    public async Task The_demo_clerk_signs_in_with_the_README_password_and_key_and_lands_on_the_counter()
    {
        using var session = host.NewSession();
        var code = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter",
            [("Email", "guichet@demo.bf"), ("Password", DemoAccountsHost.Password)]);
        var counter = await session.SubmitAsync(code, "Valider", [("Code", await Totp.NextAsync(EServices.Web.Data.Seed.DemoAccounts.StaffAuthenticatorKey))]);

        Assert.StartsWith("/guichet", counter.Url, StringComparison.Ordinal);
        Assert.Contains("/compte/acces-refuse", (await session.GetAsync("/back-office")).Url, StringComparison.Ordinal);
        Assert.Contains("/compte/acces-refuse", (await session.GetAsync("/caisse")).Url, StringComparison.Ordinal);
    }
}
