using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace EServices.Tests.Security;

/// <summary>A portal that lets any Host through (AllowedHosts "*") and believes a proxy every request seems to come from:
/// the worst case, where only the link builder stands between a forged Host and the links the portal sends.</summary>
public sealed class AnyHostPortal : HostFixture
{
    public const string PublicUrl = "https://eservices.example.bf/portail";
    public const string Proxy = "10.0.0.7";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:PublicUrl", PublicUrl);
        builder.UseSetting("AllowedHosts", "*");
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new EveryRequestFrom(Proxy)));
    }
}

/// <summary>ASVS V5.1.5 / V14.5.2 (issue 14, point 1): every link the portal sends out (reset and invitation e-mails, status
/// e-mails, receipts, certificates and refusal letters, printed and in their QR codes) starts with Portal:PublicUrl, whatever
/// Host, X-Forwarded-Host or Forwarded header the request that produced it carried.</summary>
public sealed partial class PublicLinksTests(AnyHostPortal host) : IClassFixture<AnyHostPortal>
{
    private const string Public = AnyHostPortal.PublicUrl;

    /// <summary>A session whose every request names the attacker's host, in every header a proxy or framework might read.</summary>
    private WebSession Forged()
    {
        var session = host.NewSession();
        var headers = session.Client.DefaultRequestHeaders;
        headers.Host = "host.attacker.example";
        headers.TryAddWithoutValidation("X-Forwarded-Host", "xfh.attacker.example");
        headers.TryAddWithoutValidation("X-Original-Host", "xoh.attacker.example");
        headers.TryAddWithoutValidation("X-Forwarded-Prefix", "/attacker-prefix");
        headers.TryAddWithoutValidation("Forwarded", "host=fwd.attacker.example;proto=http");
        return session;
    }

    [Fact]
    public async Task Reset_invitation_password_changed_and_sign_up_warning_emails_link_to_the_public_address()
    {
        using var applicant = Forged();
        var user = await TestUsers.SignUpAsync(applicant);
        Assert.StartsWith($"{Public}/compte/activer?jeton=", Assert.Single(Links(await host.Mailbox.WaitForAsync(user.Email, TestUsers.ActivationSubject))), StringComparison.Ordinal);
        var forgot = await applicant.GetAsync("/compte/mot-de-passe-oublie");
        NoForgedHost(forgot);
        await applicant.SubmitAsync(forgot, "Recevoir le lien", [("Email", user.Email)]);
        var resetMail = await host.Mailbox.WaitForAsync(user.Email, "Réinitialisation de votre mot de passe");
        var reset = await applicant.GetAsync(Local(Assert.Single(Links(resetMail), l => l.Contains("/compte/reinitialiser?", StringComparison.Ordinal))));
        var done = await applicant.SubmitAsync(reset, "Enregistrer le mot de passe", [("Password", "nouvelle phrase de passe"), ("ConfirmPassword", "nouvelle phrase de passe")]);
        Assert.Contains("Votre mot de passe est changé", done.Text, StringComparison.Ordinal);
        var changed = await host.Mailbox.WaitForAsync(user.Email, "Votre mot de passe a été changé");
        Assert.Contains($"{Public}/compte/mot-de-passe-oublie", Links(changed));

        using var stranger = Forged();
        await stranger.SubmitAsync(await stranger.GetAsync("/compte/inscription"), "Créer mon compte",
        [
            ("LastName", "Intrus"), ("FirstNames", "Paul"), ("Email", user.Email), ("Phone", "70 00 00 00"),
            ("Password", "un autre mot de passe long"), ("ConfirmPassword", "un autre mot de passe long"),
        ]);
        var signUpWarning = await host.Mailbox.WaitForAsync(user.Email, "Tentative de création d'un compte avec votre adresse");
        Assert.Contains($"{Public}/compte/mot-de-passe-oublie", Links(signUpWarning));

        using var admin = Forged();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var email = $"invite-{Guid.NewGuid():N}@fonctionpublique.gov.bf";
        var form = await admin.GetAsync("/admin/agents/inviter");
        var dgt = form.Html.QuerySelectorAll("input[name=Services]").Single(i => i.ParentElement!.TextContent.Contains("DGT", StringComparison.Ordinal)).GetAttribute("value")!;
        var invited = await admin.SubmitAsync(form, "Envoyer l'invitation", [("Email", email), ("LastName", "Sanou"), ("FirstNames", "Mamadou"), ("Role", "agent"), ("Services", dgt)]);
        Assert.Contains($"Invitation envoyée à {email}.", invited.Text, StringComparison.Ordinal);
        var invitation = await host.Mailbox.WaitForAsync(email, "Invitation au back-office");
        Assert.StartsWith($"{Public}/compte/reinitialiser?userId=", Assert.Single(Links(invitation)), StringComparison.Ordinal);

        NoForgedHostInMail(user.Email, email);
    }

    [Fact]
    public async Task A_request_s_receipt_certificate_and_every_email_of_its_life_link_to_the_public_address()
    {
        using var applicant = Forged();
        var user = await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} déposée");
        await AssertDocumentAsync(applicant, $"/mes-demandes/{number}/recepisse", "R");

        using var chief = Forged();
        await TestStaff.SignInAsync(host, chief, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var file = await chief.GetAsync($"/back-office/demandes/{number}");
        var taken = await chief.SubmitAsync(file, "Prendre la demande");
        var message = await chief.SubmitAsync(taken, "Envoyer le message", [("texte", "Votre bulletin est-il le plus récent ?")]);
        await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : nouveau message");
        await chief.SubmitAsync(message, "Demander le complément", [("champs", "structure"), ("message", "Précisez votre service."), ("echeance", "2027-04-09")]);
        await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : complément");

        var correction = await applicant.GetAsync($"/mes-demandes/{number}/complement");
        NoForgedHost(correction);
        var sent = await applicant.SubmitAsync(correction, "Envoyer le complément", [("structure", "Service de pédiatrie")]);
        Assert.Contains("Votre complément est envoyé", sent.Text, StringComparison.Ordinal);

        var accepted = await chief.SubmitAsync(await chief.GetAsync($"/back-office/demandes/{number}"), "Accepter la demande");
        Assert.Contains($"Demande {number} : acceptée.", accepted.Text, StringComparison.Ordinal);
        await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : acceptée");
        await AssertDocumentAsync(applicant, $"/mes-demandes/{number}/certificat", "C");

        var revoked = await chief.SubmitAsync(accepted, "Révoquer le document", [("motif", "Délivré par erreur")]);
        NoForgedHost(revoked);
        var notice = await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : document révoqué");
        Assert.Equal([$"{Public}/mes-demandes/{number}"], Links(notice));

        // Taken, correction asked, answered (under review again), accepted, revoked, a message: each e-mail links to the
        // request's page on the public address, and nothing else.
        var mails = host.Mailbox.To(user.Email).Where(m => (m.Subject ?? "").Contains(number, StringComparison.Ordinal)).ToList();
        Assert.True(mails.Count >= 6, string.Join(" | ", mails.Select(m => m.Subject)));
        Assert.All(mails, m => Assert.Equal([$"{Public}/mes-demandes/{number}"], Links(m)));
        NoForgedHostInMail(user.Email);
    }

    [Fact]
    public async Task A_refusal_letter_and_the_preview_of_a_certificate_carry_the_public_address()
    {
        using var applicant = Forged();
        var user = await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = Forged();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        var rejected = await agent.SubmitAsync(taken, "Rejeter la demande", [("motif", "Pièce d'identité illisible")]);
        Assert.Contains("rejetée", rejected.Text, StringComparison.Ordinal);
        Assert.Equal([$"{Public}/mes-demandes/{number}"], Links(await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : rejetée")));
        await AssertDocumentAsync(applicant, $"/mes-demandes/{number}/certificat", "L");

        using var admin = Forged();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var id = await host.ScalarAsync("SELECT id FROM procedures WHERE slug = 'attestation-de-travail'");
        var page = await admin.GetAsync($"/admin/demarches/{id}/documents");
        var preview = await admin.SubmitAsync(page, "Aperçu PDF de l'attestation");
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        var pdf = await preview.Response.Content.ReadAsByteArrayAsync();
        Assert.Contains($"{Public}/verifier/apercu-sans-valeur", FilingTests.PdfText(pdf), StringComparison.Ordinal);
        Assert.Equal($"{Public}/verifier/apercu-sans-valeur", await QrReader.ReadAsync(pdf));
        NoForgedHostInMail(user.Email);
    }

    /// <summary>The printed check address and the QR code of a document start with the public address.</summary>
    private async Task AssertDocumentAsync(WebSession session, string url, string kind)
    {
        var (status, pdf, _) = await session.DownloadAsync(url);
        Assert.Equal(HttpStatusCode.OK, status);
        var text = FilingTests.PdfText(pdf);
        Assert.Contains($"{Public}/verifier/", text, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", text, StringComparison.OrdinalIgnoreCase);
        var qr = await QrReader.ReadAsync(pdf);
        Assert.StartsWith($"HTTPS://ESERVICES.EXAMPLE.BF/portail/V/{kind}/", qr, StringComparison.Ordinal);

        // And the QR code opens the check page once the public path base is taken off (as the proxy does).
        var check = await host.NewSession().GetAsync(new Uri(qr).AbsolutePath["/portail".Length..]);
        Assert.Contains("Document authentique", check.Text, StringComparison.Ordinal);
    }

    private void NoForgedHostInMail(params string[] addresses)
    {
        foreach (var message in addresses.SelectMany(host.Mailbox.To))
        {
            Assert.DoesNotContain("attacker", message.TextBody ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("attacker", message.HtmlBody ?? "", StringComparison.OrdinalIgnoreCase);
            Assert.All(Links(message), l => Assert.StartsWith($"{Public}/", l, StringComparison.Ordinal));
        }
    }

    private static void NoForgedHost(Page page) =>
        Assert.DoesNotContain("attacker", page.Html.DocumentElement.OuterHtml, StringComparison.OrdinalIgnoreCase);

    private static List<string> Links(MimeMessage message) => Link().Matches(message.TextBody ?? "").Select(m => m.Value).ToList();

    /// <summary>A public link as the test client asks it: without the public address (the proxy's prefix stripped).</summary>
    private static string Local(string link)
    {
        Assert.StartsWith($"{Public}/", link, StringComparison.Ordinal);
        return link[Public.Length..];
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
