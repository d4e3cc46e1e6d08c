using System.Text.RegularExpressions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>The logs never hold a password, a second-factor code, a reset link's token or what a file contains.</summary>
[Collection(WebCollection.Name)]
public sealed partial class LogHygieneTests(HostFixture host)
{
    [Fact]
    public async Task Passwords_codes_reset_tokens_and_file_contents_stay_out_of_the_logs()
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        await session.SubmitAsync(await session.GetAsync("/"), "Se déconnecter");
        var wrongPassword = $"mauvais-{Guid.NewGuid():N}";
        await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", user.Email), ("Password", wrongPassword)]);

        await session.SubmitAsync(await session.GetAsync("/compte/mot-de-passe-oublie"), "Recevoir le lien", [("Email", user.Email)]);
        var email = await host.Mailbox.WaitForAsync(user.Email, "Réinitialisation de votre mot de passe");
        var link = new Uri(ResetLink().Match(email.TextBody ?? "").Value);
        var newPassword = $"phrase secrète {Guid.NewGuid():N}";
        await session.SubmitAsync(await session.GetAsync(link.PathAndQuery), "Enregistrer le mot de passe", [("Password", newPassword), ("ConfirmPassword", newPassword)]);
        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["code"] ?? link.Query;

        using var staffSession = host.NewSession();
        var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP");
        var codePage = await staffSession.SubmitAsync(await staffSession.GetAsync("/compte/connexion"), "Se connecter", [("Email", staff.Email), ("Password", staff.Password)]);
        var code = Totp.Code(staff.AuthenticatorKey!, DateTimeOffset.UtcNow);
        await staffSession.SubmitAsync(codePage, "Valider", [("Code", code)]);

        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var marker = $"CONTENU-CONFIDENTIEL-{Guid.NewGuid():N}";
        var step3 = await AttestationJourney.ToDocumentsStepAsync(applicant);
        await applicant.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = new("cnib.pdf", PdfForge.Document(PdfForge.OnePage(more: PdfForge.Stream("", marker))), "application/pdf"), // well-formed: accepted and stored
            ["bulletin"] = TestFiles.Png(),
        });

        var lines = host.Logs.Lines;
        Assert.NotEmpty(lines); // the capture works: sign-ins and filings are logged
        foreach (var secret in new[] { TestUsers.Password, wrongPassword, newPassword, token, marker, staff.Password })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(lines, l => Regex.IsMatch(l, $@"(?<![0-9]){code}(?![0-9])") && l.Contains("code", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"https?://\S+/compte/reinitialiser\?\S+")]
    private static partial Regex ResetLink();
}
