using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Verification;

/// <summary>What the person holding the paper reads on the check page.</summary>
[Collection(WebCollection.Name)]
public sealed class CheckPageTests(HostFixture host)
{
    [Fact]
    public async Task A_certificate_is_named_by_its_own_title_and_the_reader_is_asked_to_compare_what_is_shown()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant, "Awa", "Ouédraogo");
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        await agent.SubmitAsync(taken, "Accepter la demande");

        const string codeOf = "SELECT code FROM issued_documents WHERE kind = @k AND request_id = (SELECT id FROM requests WHERE number = @n)";
        using var anyone = host.NewSession();
        var certificate = await anyone.GetAsync($"/verifier/{await host.ScalarAsync(codeOf, ("k", "Certificate"), ("n", number))}");
        var facts = Facts(certificate);
        Assert.Equal("Attestation de travail", facts["Nature"]); // the paper's title, not "Certificat"
        Assert.False(facts.ContainsKey("Démarche"));
        Assert.Equal("A** O********", facts["Titulaire"]);
        // The name is shown masked: the reader compares what can be compared, and is told how to read the mask.
        Assert.DoesNotContain("elles doivent être identiques", certificate.Text, StringComparison.Ordinal);
        Assert.Contains("Comparez la nature, le numéro et la date de délivrance", certificate.Text, StringComparison.Ordinal);
        Assert.Contains("Le nom du titulaire n'est montré que par ses initiales", certificate.Text, StringComparison.Ordinal);
        Assert.Equal(facts["Numéro"], certificate.Html.QuerySelector(".sheet .nowrap")!.TextContent);

        var receipt = Facts(await anyone.GetAsync($"/verifier/{await host.ScalarAsync(codeOf, ("k", "Receipt"), ("n", number))}"));
        Assert.Equal("Récépissé de dépôt", receipt["Nature"]);
        Assert.Equal("Attestation de travail", receipt["Démarche"]);
        Assert.Equal(number, receipt["Numéro"]);
    }

    private static Dictionary<string, string> Facts(Page page) =>
        page.Html.QuerySelectorAll(".sheet dt").ToDictionary(dt => dt.TextContent.Trim(), dt => dt.NextElementSibling!.TextContent.Trim(), StringComparer.Ordinal);
}
