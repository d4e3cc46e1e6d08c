using System.Text.Json;
using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>An administrator opens the API to another system: registers it, hands over the secret shown once, and
/// revokes it; the system's token works until then. axe-core on each page, the API's reference included.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ApiClientsAxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task An_administrator_registers_a_client_whose_secret_works_once_shown_then_revokes_it()
    {
        var page = await NewAdminPageAsync();
        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Clients de l'API" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Clients de l'API");
        await Axe.ScanAsync(page, "API clients, none yet");

        await page.GetByRole(AriaRole.Link, new() { Name = "Enregistrer un client" }).ClickAsync();
        await page.GetByLabel("Nom du système client").FillAsync("SIGASPE — DRH");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le client" }).ClickAsync();
        await Expect(AttestationForm.ErrorSummary(page)).ToContainTextAsync("Choisissez le service dont le client verra les demandes.");
        await Expect(page.GetByLabel("Nom du système client")).ToHaveValueAsync("SIGASPE — DRH"); // what was typed is kept
        await Axe.ScanAsync(page, "new API client with an error");

        var service = page.GetByLabel("Service");
        var dgfp = await service.Locator("option").Filter(new() { HasText = "DGFP —" }).InnerTextAsync();
        await service.SelectOptionAsync(new SelectOptionValue { Label = dgfp });
        await page.GetByLabel("Peut décider").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le client" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Client « SIGASPE — DRH » enregistré");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ne sera plus jamais affiché");
        await Axe.ScanAsync(page, "API client's secret");
        var clientId = await page.Locator("#client-id").InnerTextAsync();
        var secret = await page.Locator("#client-secret").InnerTextAsync();

        // The system the secret was handed to gets a token and reads its service's procedures.
        var token = await page.APIRequest.PostAsync("/api/v1/token", new()
        {
            Form = page.APIRequest.CreateFormData().Append("grant_type", "client_credentials").Append("client_id", clientId).Append("client_secret", secret),
        });
        Assert.Equal(200, token.Status);
        var bearer = (await token.JsonAsync())!.Value.GetProperty("access_token").GetString()!;
        var headers = new Dictionary<string, string> { ["Authorization"] = $"Bearer {bearer}" };
        var procedures = await page.APIRequest.GetAsync("/api/v1/demarches", new() { Headers = headers });
        Assert.Equal(200, procedures.Status);
        Assert.Contains((await procedures.JsonAsync())!.Value.EnumerateArray(), p => p.GetProperty("slug").GetString() == "attestation-de-travail");

        await page.GetByRole(AriaRole.Link, new() { Name = "Retour aux clients de l'API" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "SIGASPE — DRH" });
        await Expect(row).ToContainTextAsync(clientId);
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(secret);
        await Axe.ScanAsync(page, "API clients");
        await row.GetByRole(AriaRole.Button, new() { Name = "Révoquer le client SIGASPE — DRH" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Client « SIGASPE — DRH » révoqué");
        await Expect(row).ToContainTextAsync("Révoqué le");
        var refused = await page.APIRequest.GetAsync("/api/v1/demarches", new() { Headers = headers });
        Assert.Equal(401, refused.Status);
        Assert.Contains("révoqué", JsonDocument.Parse(await refused.TextAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Référence de l'API" }).First.ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Référence de l'API");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "POST /api/v1/demandes/{numero}/accepter" })).ToBeVisibleAsync();
        await Axe.ScanAsync(page, "API reference");
    }
}
