using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace EServices.Tests.Security;

/// <summary>The portal's own password hasher, counting the passwords it checks: the work a sign-in does, seen without a stopwatch.</summary>
public sealed class CountingPasswordHasher(IOptions<PasswordHasherOptions> options, CountingPasswordHasher.Counter counter) : IPasswordHasher<ApplicationUser>
{
    private readonly PasswordHasher<ApplicationUser> _inner = new(options);

    public sealed class Counter
    {
        private int _verifications;

        public int Verifications => _verifications;

        public void Add() => Interlocked.Increment(ref _verifications);
    }

    public string HashPassword(ApplicationUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
    {
        counter.Add();
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}

/// <summary>A portal whose password hasher counts its checks.</summary>
public sealed class CountingHasherHost : HostFixture
{
    public CountingPasswordHasher.Counter Hashes { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Hashes);
            services.Replace(ServiceDescriptor.Scoped<IPasswordHasher<ApplicationUser>, CountingPasswordHasher>());
        });
    }
}

/// <summary>ASVS V2.2.1, V3.2 (OWASP: account enumeration): an address with an account and one without get the same work and
/// the same page; an address typed at sign-up is told to its owner, not to whoever typed it; sign-up is rate limited.</summary>
public sealed partial class AccountsEnumerationTests(CountingHasherHost host) : IClassFixture<CountingHasherHost>
{
    [Fact]
    public async Task A_sign_in_with_an_unknown_address_checks_a_password_as_for_a_real_account()
    {
        using var owner = host.NewSession();
        var user = await TestUsers.SignUpAsync(owner);
        using var session = host.NewSession();

        var before = host.Hashes.Verifications;
        var known = await SignInAsync(session, user.Email, "pas le bon mot de passe");
        var forKnown = host.Hashes.Verifications - before;
        before = host.Hashes.Verifications;
        var unknownEmail = $"personne-{Guid.NewGuid():N}@exemple.bf";
        var unknown = await SignInAsync(session, unknownEmail, "pas le bon mot de passe");
        var forUnknown = host.Hashes.Verifications - before;

        Assert.Equal(1, forKnown);
        Assert.Equal(forKnown, forUnknown);
        Assert.Equal(HttpStatusCode.BadRequest, known.Status);
        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(AccountController.SignInRefused, unknown.ErrorFor("Password"));
        Assert.Equal(Comparable(known, user.Email), Comparable(unknown, unknownEmail));
    }

    [Fact]
    public async Task A_forgotten_password_reads_the_same_for_an_address_with_or_without_an_account()
    {
        using var owner = host.NewSession();
        var user = await TestUsers.SignUpAsync(owner);
        using var session = host.NewSession();
        var unknownEmail = $"personne-{Guid.NewGuid():N}@exemple.bf";

        var known = await session.SubmitAsync(await session.GetAsync("/compte/mot-de-passe-oublie"), "Recevoir le lien", [("Email", user.Email)]);
        var unknown = await session.SubmitAsync(await session.GetAsync("/compte/mot-de-passe-oublie"), "Recevoir le lien", [("Email", unknownEmail)]);

        Assert.Equal(HttpStatusCode.OK, known.Status);
        Assert.Equal(known.Status, unknown.Status);
        Assert.Equal(Comparable(known, user.Email), Comparable(unknown, unknownEmail));
        await host.Mailbox.WaitForAsync(user.Email, "Réinitialisation de votre mot de passe");
        Assert.Empty(host.Mailbox.To(unknownEmail));
    }

    [Fact]
    public async Task A_sign_up_with_the_address_of_an_account_is_told_to_its_owner_and_changes_nothing()
    {
        using var owner = host.NewSession();
        var user = await TestUsers.SignUpAsync(owner, "Mariam", "Sawadogo");
        using var stranger = host.NewSession();

        await stranger.SubmitAsync(await stranger.GetAsync("/compte/inscription"), "Créer mon compte",
        [
            ("LastName", "Intrus"), ("FirstNames", "Paul"), ("Email", user.Email.ToUpperInvariant()), ("Phone", "70 00 00 00"),
            ("Password", "un autre mot de passe long"), ("ConfirmPassword", "un autre mot de passe long"),
        ]);

        var warning = await host.Mailbox.WaitForAsync(user.Email, "Tentative de création d'un compte avec votre adresse");
        Assert.Contains("Bonjour Mariam,", warning.TextBody, StringComparison.Ordinal);
        Assert.Contains("Aucun compte n'a été créé", warning.TextBody, StringComparison.Ordinal);
        Assert.Contains("/compte/mot-de-passe-oublie", warning.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync("/mes-demandes", follow: false)).Status);
        using var again = host.NewSession();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(again, user.Email, user.Password)).Status);
    }

    [Fact]
    public async Task Sign_ups_with_one_address_are_limited_to_ten_a_minute()
    {
        using var session = host.NewSession();
        var email = $"robot-{Guid.NewGuid():N}@exemple.bf";
        var page = await session.GetAsync("/compte/inscription");
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            page = await session.SubmitAsync(page, "Créer mon compte", SignUp(email, confirm: $"différent {attempt}"));
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        }

        AccountsRateLimitTests.AssertTooManyAttempts(await session.SubmitAsync(page, "Créer mon compte", SignUp(email, confirm: "différent")));
    }

    internal static (string, string)[] SignUp(string email, string confirm = TestUsers.Password) =>
    [
        ("LastName", "Robot"), ("FirstNames", "Rob"), ("Email", email), ("Phone", "70 12 34 56"), ("Password", TestUsers.Password), ("ConfirmPassword", confirm),
    ];

    private static async Task<Page> SignInAsync(WebSession session, string email, string password) =>
        await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", email), ("Password", password)], follow: false);

    /// <summary>The page without what differs on every answer (antiforgery token, script nonce) and without the address typed.</summary>
    private static string Comparable(Page page, string email)
    {
        var html = page.Html.DocumentElement.OuterHtml.Replace(email, "ADRESSE", StringComparison.OrdinalIgnoreCase);
        return PerResponse().Replace(html, "");
    }

    [GeneratedRegex(@"(name=""__RequestVerificationToken""[^>]*>)|(nonce=""[^""]*"")|(value=""CfDJ8[^""]*"")")]
    private static partial Regex PerResponse();
}

/// <summary>ASVS V2.2.1: one client address gets 20 sign-ups a minute, as it gets 20 sign-in attempts (25 accounts were made in 2 s).</summary>
public sealed class AccountsSignUpRateLimitTests(AccountsRateLimitedHost host) : IClassFixture<AccountsRateLimitedHost>
{
    [Fact]
    public async Task The_twenty_first_sign_up_from_one_address_within_a_minute_is_refused()
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            using var visitor = host.NewSession();
            var created = await visitor.SubmitAsync(await visitor.GetAsync("/compte/inscription"), "Créer mon compte",
                AccountsEnumerationTests.SignUp($"robot-{Guid.NewGuid():N}@exemple.bf"), follow: false);
            Assert.Equal(HttpStatusCode.OK, created.Status);
            Assert.Contains("Vérifiez votre messagerie", created.Text, StringComparison.Ordinal);
        }

        using var last = host.NewSession();
        AccountsRateLimitTests.AssertTooManyAttempts(await last.SubmitAsync(await last.GetAsync("/compte/inscription"), "Créer mon compte",
            AccountsEnumerationTests.SignUp($"robot-{Guid.NewGuid():N}@exemple.bf")));
    }
}
