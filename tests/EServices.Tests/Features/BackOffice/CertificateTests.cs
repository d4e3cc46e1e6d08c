using System.Net;
using System.Security.Cryptography;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

[Collection(WebCollection.Name)]
public sealed class CertificateTests(HostFixture host)
{
    private async Task<(WebSession Applicant, TestUser User, string Number)> AcceptedAttestationAsync(WebSession agent)
    {
        var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant, "Awa", "Ouédraogo");
        var number = await AttestationJourney.FileAsync(applicant);
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        var accepted = await agent.SubmitAsync(taken, "Accepter la demande");
        Assert.Contains($"Demande {number} : acceptée.", accepted.Text, StringComparison.Ordinal);
        return (applicant, user, number);
    }

    [Fact]
    public async Task Acceptance_issues_a_numbered_certificate_from_the_template_that_the_applicant_downloads()
    {
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var (applicant, user, number) = await AcceptedAttestationAsync(agent);

        var mine = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.Contains("Acceptée", mine.Text, StringComparison.Ordinal);
        var (status, pdf, _) = await applicant.DownloadAsync($"/mes-demandes/{number}/certificat");
        Assert.Equal(HttpStatusCode.OK, status);
        var text = FilingTests.PdfText(pdf);
        Assert.Matches(@"N° ATT-2027-\d{6}", text);
        foreach (var expected in new[] { "BURKINA FASO", "Unité – Progrès – Justice", "ATTESTATION DE TRAVAIL", "Awa OUÉDRAOGO", "matricule 212345A", "né(e) le 14/05/1988", "Ministère de la Santé", "Ouagadougou, le 26 mars 2027" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : acceptée");

        // What is served is what was stored, hash included.
        var stored = await host.ScalarAsync("SELECT sha256 FROM issued_documents WHERE kind = 'Certificate' AND request_id = (SELECT id FROM requests WHERE number = @n)", ("n", number));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(pdf)), stored);
        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DownloadAsync($"/mes-demandes/{number}/certificat")).Status);
        applicant.Dispose();
    }

    [Fact]
    public async Task The_QR_code_of_a_certificate_opens_a_check_page_that_says_genuine_then_revoked()
    {
        using var chief = host.NewSession();
        await TestStaff.SignInAsync(host, chief, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var (applicant, _, number) = await AcceptedAttestationAsync(chief);
        var (_, pdf, _) = await applicant.DownloadAsync($"/mes-demandes/{number}/certificat");
        var url = new Uri(await QrReader.ReadAsync(pdf));
        // Format 2: kind, number, date, holder's initials and lengths, signature, all in the QR alphanumeric mode.
        Assert.Matches(@"^/V/C/ATT-2027-\d{6}/\d{8}/A3\.O9/[A-Z2-7]{103}$", url.AbsolutePath);

        using var anyone = host.NewSession();
        var check = await anyone.GetAsync(url.PathAndQuery);
        Assert.Contains("Document authentique", check.Text, StringComparison.Ordinal);
        Assert.Contains("A** O********", check.Text, StringComparison.Ordinal);
        Assert.Matches(@"ATT-2027-\d{6}", check.Text);

        var segments = url.AbsolutePath.Split('/'); // "", V, C, number, date, holder, signature
        segments[3] = segments[3][..^1] + (segments[3][^1] == '9' ? '8' : '9');
        var otherNumber = await anyone.GetAsync(string.Join('/', segments));
        Assert.Contains("Code altéré", otherNumber.Text, StringComparison.Ordinal);

        var file = await chief.GetAsync($"/back-office/demandes/{number}");
        var noReason = await chief.SubmitAsync(file, "Révoquer le document", [("motif", "")]);
        Assert.Contains("Indiquez le motif de la révocation.", noReason.Text, StringComparison.Ordinal);
        var revoked = await chief.SubmitAsync(noReason, "Révoquer le document", [("motif", "Délivré par erreur")]);
        Assert.Contains("révoqué : Délivré par erreur", revoked.Text, StringComparison.Ordinal);

        var after = await anyone.GetAsync(url.PathAndQuery);
        Assert.Contains("Document révoqué", after.Text, StringComparison.Ordinal);
        Assert.Contains("Délivré par erreur", after.Text, StringComparison.Ordinal);
        Assert.Contains("Ce document a été révoqué", (await applicant.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
        applicant.Dispose();

        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var journal = await admin.GetAsync($"/admin/journal?cible={number}");
        Assert.Matches(@"^Document ATT-2027-\d{6} révoqué : Délivré par erreur$", journal.Html.QuerySelector("tbody tr td:nth-child(3)")!.TextContent.Trim());
    }

    [Fact]
    public async Task An_agent_cannot_revoke_and_the_public_key_is_published()
    {
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var (applicant, _, number) = await AcceptedAttestationAsync(agent);
        applicant.Dispose();
        var file = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Null(file.Html.QuerySelector("form[action$='/revoquer']"));

        var key = await host.NewSession().Client.GetStringAsync("/verifier/cle");
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_receipt_QR_code_is_signed_too()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var number = await AttestationJourney.FileAsync(session);
        var (_, pdf, _) = await session.DownloadAsync($"/mes-demandes/{number}/recepisse");
        var url = new Uri(await QrReader.ReadAsync(pdf));
        var check = await host.NewSession().GetAsync(url.PathAndQuery);
        Assert.Contains("Document authentique", check.Text, StringComparison.Ordinal);
        Assert.Contains("Récépissé de dépôt", check.Text, StringComparison.Ordinal);
        Assert.Contains(number, check.Text, StringComparison.Ordinal);
    }
}
