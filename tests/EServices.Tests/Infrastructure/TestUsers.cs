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

    /// <summary>Signs up a new applicant through the sign-up page, then activates the account with the link the portal
    /// e-mails to the address (read from its outbox, so that hosts whose SMTP is down or slow sign up too; the mailbox's
    /// copy is tested in AccountsSignUpActivationTests); the session is then signed in.</summary>
    public static async Task<TestUser> SignUpAsync(WebSession session, string firstNames = "Awa", string lastName = "Ouédraogo")
    {
        var host = session.Host ?? throw new InvalidOperationException("Sign-up reads the activation e-mail: open the session with HostFixture.NewSession.");
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

        var body = (string?)await host.ScalarAsync(
            "SELECT body FROM outbox_emails WHERE \"to\" = @to AND subject = @subject ORDER BY id DESC LIMIT 1", ("to", email), ("subject", ActivationSubject))
            ?? throw new InvalidOperationException("No activation e-mail for " + email);
        var activation = await session.GetAsync(ActivationPath(body));
        var result = await session.SubmitAsync(activation, "Activer mon compte");
        if (!result.Text.Contains("Votre compte est créé", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Activation failed: " + result.Text);
        }

        return new TestUser(email, Password, firstNames, lastName);
    }

    /// <summary>Signs up a new applicant with a phone number only (no e-mail), confirmed with the code the portal queued for
    /// that number; the session is then signed in. Returns the number (as typed: +226 7xxxxxxx) and the password.</summary>
    public static async Task<(string Phone, string Password)> SignUpByPhoneAsync(WebSession session, string firstNames = "Awa", string lastName = "Ouédraogo")
    {
        var host = session.Host ?? throw new InvalidOperationException("Sign-up reads the SMS code: open the session with HostFixture.NewSession.");
        var phone = TestSms.NewPhone();
        var page = await session.GetAsync("/compte/inscription");
        var sent = await session.SubmitAsync(page, "Créer mon compte",
            [("LastName", lastName), ("FirstNames", firstNames), ("Email", ""), ("Phone", phone), ("Password", Password), ("ConfirmPassword", Password)]);
        var created = await session.SubmitAsync(sent, "Valider le code", [("Code", CodeIn((await TestSms.LastToAsync(host, phone)).Text))]);
        if (!created.Text.Contains("Votre compte est créé", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Sign-up by phone failed: " + created.Text);
        }

        return (phone, Password);
    }

    /// <summary>The 6-digit code of an SMS the portal sent.</summary>
    public static string CodeIn(string sms) => SmsCode().Match(sms) is { Success: true } m ? m.Value : throw new InvalidOperationException("No code in: " + sms);

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SmsCode();

    /// <summary>The activation link of a sign-up e-mail, as sent (the portal's public address).</summary>
    public static Uri ActivationLink(MimeKit.MimeMessage mail) => ActivationLink(mail.TextBody ?? "");

    public static Uri ActivationLink(string body) => new(ActivationLinkPattern().Match(body) is { Success: true } m
        ? m.Value
        : throw new InvalidOperationException("No activation link in: " + body));

    /// <summary>The activation link's path from <c>/compte/</c> on, as the test client (at the root, without the public path base) opens it.</summary>
    public static string ActivationPath(MimeKit.MimeMessage mail) => ActivationPath(mail.TextBody ?? "");

    public static string ActivationPath(string body)
    {
        var link = ActivationLink(body).PathAndQuery;
        return link[link.IndexOf("/compte/activer?", StringComparison.Ordinal)..];
    }

    [GeneratedRegex(@"https?://\S+/compte/activer\?jeton=\S+")]
    private static partial Regex ActivationLinkPattern();
}
