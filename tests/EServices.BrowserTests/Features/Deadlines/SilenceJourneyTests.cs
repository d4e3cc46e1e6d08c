using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Features.Admin;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Deadlines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Deadlines;

/// <summary>« Silence vaut accord » in Chromium (issue 19): an administrator sets the rule (the missing delay told beside its
/// field), the sheet promises it, the applicant files and reads the countdown, and after the deadlines' job has run past the
/// last day, reads the implicit acceptance and downloads its attestation; axe on each page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SilenceJourneyTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task An_administrator_sets_silence_means_acceptance_and_the_applicant_follows_the_countdown_to_the_attestation()
    {
        var service = await TestCatalogue.CreateServiceAsync(Host);
        var procedure = await TestCatalogue.CreateRegionalProcedureAsync(Host, service.Id);
        var admin = await NewAdminPageAsync();
        await admin.GotoAsync($"/admin/demarches/{procedure.Id}");
        await admin.GetByLabel("Silence vaut accord").CheckAsync();
        await admin.GetByLabel("Procédure sur papier").FillAsync("Au guichet de la direction.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la fiche" }).ClickAsync();
        await Expect(admin.Locator("#SilenceDelayDays-erreur")).ToContainTextAsync("Indiquez après combien de jours ouvrables le silence vaut décision.");
        await Expect(admin.GetByLabel("Silence vaut accord")).ToBeCheckedAsync();
        await Axe.ScanAsync(admin, "procedure sheet with the silence's delay missing");
        await admin.GetByLabel("Délai légal en jours ouvrables, avant la décision implicite").FillAsync("2");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la fiche" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("est enregistrée");

        var applicant = await NewPageAsync();
        await Applicant.SignUpAsync(applicant);
        await applicant.GotoAsync($"/demarches/{procedure.Slug}");
        await Expect(applicant.GetByText("Silence vaut accord : sans décision dans les 2 jours ouvrables suivant le dépôt, la demande est acceptée.")).ToBeVisibleAsync();
        await applicant.GetByRole(AriaRole.Button, new() { Name = "Commencer la démarche" }).ClickAsync();
        await applicant.GetByLabel("Région de résidence").SelectOptionAsync(new SelectOptionValue { Value = "kadiogo" });
        await AttestationForm.ContinueToReviewAsync(applicant);
        await AttestationForm.DeclareAndFileAsync(applicant);
        await Expect(applicant.GetByText("Silence vaut accord : sans décision au plus tard le 31/03/2027, la demande sera acceptée automatiquement — encore 3 jour(s) ouvrable(s).")).ToBeVisibleAsync();
        await Axe.ScanAsync(applicant, "request with a countdown to an implicit decision");

        // Thursday 1 April, after the weekend, Easter Monday and two working days without a decision.
        using (var scope = Host.Services.CreateScope())
        {
            await ActivatorUtilities.CreateInstance<ImplicitDecisions>(scope.ServiceProvider, new ShiftedClock(new DateTimeOffset(2027, 4, 1, 0, 5, 0, TimeSpan.Zero)))
                .RunAsync(50, CancellationToken.None);
        }

        await applicant.ReloadAsync();
        await Expect(applicant.Locator(".badge")).ToHaveTextAsync("Acceptée");
        await Expect(applicant.GetByRole(AriaRole.Region, new() { Name = "Motif de la décision" })).ToContainTextAsync("Décision implicite d'acceptation : l'administration n'a pas statué au plus tard le 31/03/2027");
        var download = await applicant.RunAndWaitForDownloadAsync(() =>
            applicant.GetByRole(AriaRole.Link, new() { Name = "Télécharger « Attestation de décision implicite d'acceptation » (PDF)" }).ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename, StringComparison.Ordinal);
        await Axe.ScanAsync(applicant, "request accepted by silence");

        Axe.AssertNone();
    }
}
