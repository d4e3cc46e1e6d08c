using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;
using Microsoft.Playwright;
using static EServices.Tests.Features.CompetitionAdmin.CompetitionSteps;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>axe-core on the competitions' administration (with and without errors, « Libérer un numéro CNIB » included)
/// and on « Concours ouverts » and a competition's page, those two on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CompetitionsAxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task Competition_pages_have_no_accessibility_violations_and_the_public_ones_fit_a_phone()
    {
        var code = NewCode("attaches");
        // A session sends the generic registration to /concours: removed at the end, it leaves the other browser tests of
        // this host (the fee journey files that registration) as they were.
        try
        {
            var page = await NewAdminPageAsync();
            await page.GotoAsync("/admin");
            await page.GetByRole(AriaRole.Link, new() { Name = "Concours directs" }).ClickAsync();
            await Expect(Staff.Heading(page)).ToHaveTextAsync("Concours directs");
            await Axe.ScanAsync(page, "sessions");
            await page.GetByRole(AriaRole.Link, new() { Name = "Créer une session" }).ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la session" }).ClickAsync();
            await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
            await Axe.ScanAsync(page, "new session with errors");
            await page.GetByLabel("Nom de la session").FillAsync($"Session {code}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la session" }).ClickAsync();
            await Axe.ScanAsync(page, "a session, no competition");

            await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un concours" }).ClickAsync();
            await page.GetByLabel("Code du concours").FillAsync("Attachés");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le concours" }).ClickAsync();
            await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
            await Axe.ScanAsync(page, "new competition with errors");
            await page.GetByLabel("Code du concours").FillAsync(code);
            await page.GetByLabel("Intitulé").FillAsync($"Attachés d'administration {code}");
            await page.GetByLabel("Corps").FillAsync("Attachés d'administration générale");
            await page.GetByLabel("Emploi").FillAsync("Attaché d'administration");
            await page.GetByLabel("Nombre de places").FillAsync("60");
            await page.GetByLabel("Diplôme minimum").SelectOptionAsync("Licence");
            await page.GetByLabel("Date de référence pour l'âge").FillAsync("2027-12-31");
            await page.GetByLabel("Frais de participation").FillAsync("5000");
            await page.GetByLabel("Ouverture des inscriptions").FillAsync(Local(Host, TimeSpan.FromHours(-1)));
            await page.GetByLabel("Clôture des inscriptions").FillAsync(Local(Host, TimeSpan.FromDays(10)));
            await page.GetByLabel("Épreuves écrites").FillAsync(Local(Host, TimeSpan.FromDays(40)));
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le concours" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("créé");
            await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter un centre" }).ClickAsync();
            await page.GetByLabel("Nom du centre").FillAsync("Fada N'Gourma");
            await page.GetByLabel("Capacité").FillAsync("0");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le centre" }).ClickAsync();
            await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
            await Axe.ScanAsync(page, "new centre with errors");
            await page.GetByLabel("Capacité").FillAsync("500");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le centre" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Fada N'Gourma");
            await Axe.ScanAsync(page, "a competition with its centres");

            // « Libérer un numéro CNIB », from the competition's page: sent empty, then with a number no application holds.
            await page.GetByRole(AriaRole.Button, new() { Name = "Trouver la candidature" }).ClickAsync();
            await Expect(Staff.Heading(page)).ToHaveTextAsync("Libérer un numéro CNIB");
            await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
            await Axe.ScanAsync(page, "CNIB release with errors");
            await page.GetByLabel("Numéro de CNIB").FillAsync("B12345678");
            await page.GetByLabel("Motif").FillAsync("Usurpation signalée par le titulaire de la CNIB.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Trouver la candidature" }).ClickAsync();
            await Expect(AttestationForm.ErrorSummary(page)).ToContainTextAsync("Aucune candidature à ce concours ne détient le numéro de CNIB");
            await Axe.ScanAsync(page, "CNIB release, no holder");

            var visitor = await NewPageAsync();
            await visitor.SetViewportSizeAsync(360, 740);
            foreach (var (url, heading) in new[] { ("/concours", "Concours ouverts"), ($"/concours/{code}", $"Attachés d'administration {code}") })
            {
                await visitor.GotoAsync(url);
                await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(heading);
                Assert.True(await visitor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{url} is wider than a phone.");
                await Axe.ScanAsync(visitor, $"{url} on a phone");
            }

            // With JavaScript the countdown goes on while the page stays open (the page's own clock moved two hours on).
            await visitor.Clock.InstallAsync();
            await visitor.GotoAsync($"/concours/{code}");
            var countdown = visitor.Locator("[data-countdown]");
            await Expect(countdown).ToHaveTextAsync("clôture dans 9 jours et 23 heures");
            await visitor.Clock.FastForwardAsync("02:00:00");
            await Expect(countdown).ToHaveTextAsync("clôture dans 9 jours et 21 heures");

            Axe.AssertNone();
        }
        finally
        {
            if (await Host.ScalarAsync("SELECT id FROM competition_sessions WHERE name = @name", ("name", $"Session {code}")) is int session)
            {
                await CompetitionSeed.RemoveSessionAsync(Host, session);
            }
        }
    }
}
