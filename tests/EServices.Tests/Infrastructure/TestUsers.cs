using System.Text.RegularExpressions;

namespace EServices.Tests.Infrastructure;

public sealed record TestUser(string Email, string Password, string FirstNames, string LastName)
{
    public string? AuthenticatorKey { get; init; }
}

public static partial class TestUsers
{
    public const string Password = "une phrase de passe solide";

    public const string ActivationSubject = "Activez votre compte des e-services";

    /// <summary>Signs up a new applicant through the sign-up page, then activates the account with the link e-mailed to
    /// the address (read from the session's <see cref="WebSession.Mailbox"/>); the session is then signed in.</summary>
    public static async Task<TestUser> SignUpAsync(WebSession session, string firstNames = "Awa", string lastName = "Ouédraogo")
    {
        var mailbox = session.Mailbox ?? throw new InvalidOperationException("Sign-up needs the portal's mailbox: open the session with HostFixture.NewSession.");
        var email = $"usager-{Guid.NewGuid():N}@exemple.bf";
        var page = await session.GetAsync("/compte/inscription");
        var sent = await session.SubmitAsync(page, "Créer mon compte",
        [
            ("LastName", lastName), ("FirstNames", firstNames), ("Email", email), ("Phone", "70 12 34 56"),
            ("Password", Password), ("ConfirmPassword", Password),
        ]);
        if (!sent.Text.Contains("Vérifiez votre messagerie", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Sign-up failed: " + sent.Text);
        }

        var activation = await session.GetAsync(ActivationPath(await mailbox.WaitForAsync(email, ActivationSubject)));
        var result = await session.SubmitAsync(activation, "Activer mon compte");
        if (!result.Text.Contains("Votre compte est créé", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Activation failed: " + result.Text);
        }

        return new TestUser(email, Password, firstNames, lastName);
    }

    /// <summary>The activation link of a sign-up e-mail, as sent (the portal's public address).</summary>
    public static Uri ActivationLink(MimeKit.MimeMessage mail) => new(ActivationLinkPattern().Match(mail.TextBody ?? "") is { Success: true } m
        ? m.Value
        : throw new InvalidOperationException("No activation link in: " + mail.TextBody));

    /// <summary>The activation link's path from <c>/compte/</c> on, as the test client (at the root, without the public path base) opens it.</summary>
    public static string ActivationPath(MimeKit.MimeMessage mail)
    {
        var link = ActivationLink(mail).PathAndQuery;
        return link[link.IndexOf("/compte/activer?", StringComparison.Ordinal)..];
    }

    [GeneratedRegex(@"https?://\S+/compte/activer\?jeton=\S+")]
    private static partial Regex ActivationLinkPattern();
}
