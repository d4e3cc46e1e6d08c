using System.Text;
using EServices.BrowserTests.Features.Filing;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Features.CompetitionClosing;
using EServices.Tests.Features.CompetitionResults;
using EServices.Tests.Features.Competitions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Accessibility;

/// <summary>axe-core on the pages after a competition's closing: the closing page, its ineligible applications and the validation in progress, the
/// convocations (to ask for, in progress, done), the import of results (refused rows, imported), and the public results
/// on a phone (list, a search that finds, one that finds nothing, one too short).</summary>
[Collection(BrowserCollection.Name)]
public sealed class AfterClosingAxeScanTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task After_closing_pages_have_no_accessibility_violations_and_the_public_ones_fit_a_phone()
    {
        // Sessions send the generic registration to /concours: removed at the end, they leave this host's other tests as they were.
        var sessions = new List<int>();
        try
        {
            // The seed's applications are an account's: the administrator's is the first a fresh host has.
            var page = await NewAdminPageAsync();
            var closed = await ClosingSeed.ClosedAsync(Host, ("Ouagadougou", 30), ("Koudougou", 30));
            sessions.Add(closed.SessionId);
            await ClosingSeed.InsertAsync(Host, closed,
            [
                new("Ouédraogo", "Awa", "2000-01-15", "Ouagadougou"),
                new("Sawadogo", "Issa", "1970-03-02", "Koudougou"),
                new("Kaboré", "Mariam", "2001-06-30", "Koudougou", Status: "Draft"),
                new("Zongo", "Paul", "1999-11-11", "Ouagadougou", Status: "AwaitingPayment"),
            ]);
            var (numbered, candidates) = await ResultsSeed.NumberedAsync(Host, "OUÉDRAOGO Awa", "SAWADOGO Issa", "KABORÉ Mariam");
            sessions.Add(numbered.SessionId);

            await page.GotoAsync($"/admin/concours/{closed.Id}/cloture");
            await Expect(Staff.Heading(page)).ToHaveTextAsync("Après la clôture");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Valider les candidatures déposées" })).ToBeVisibleAsync();
            await Axe.ScanAsync(page, "closing with counts");
            await page.GetByRole(AriaRole.Link, new() { Name = "Voir les candidatures déposées non éligibles" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("Sawadogo");
            await Axe.ScanAsync(page, "ineligible applications");
            await page.GotoAsync($"/admin/concours/{closed.Id}/cloture");
            await page.GetByRole(AriaRole.Button, new() { Name = "Valider les candidatures déposées" }).ClickAsync();
            await Expect(page.GetByText("La validation des candidatures déposées est lancée")).ToBeVisibleAsync();
            await Axe.ScanAsync(page, "closing, validation requested");

            await page.GotoAsync(Convocations(numbered.Id));
            await Axe.ScanAsync(page, "convocations to ask for");
            await page.GetByRole(AriaRole.Button, new() { Name = "Générer les convocations" }).ClickAsync();
            await Expect(page.GetByText("Génération demandée le")).ToBeVisibleAsync();
            await Axe.ScanAsync(page, "convocations requested");
            // No reload of its own (axe's meta-refresh rule, WCAG 2.2.1): AGRE follows « Actualiser » until the job (every
            // 10 s on this host) is done.
            var done = page.GetByText("Terminé : les 3 convocations sont produites");
            for (var tries = 0; tries < 30; tries++)
            {
                await page.WaitForTimeoutAsync(2_000);
                if (await done.IsVisibleAsync())
                {
                    break;
                }

                await page.GetByRole(AriaRole.Link, new() { Name = "Actualiser", Exact = true }).ClickAsync();
            }

            await Expect(done).ToBeVisibleAsync();
            await Axe.ScanAsync(page, "convocations done");

            await page.GotoAsync($"/admin/concours/{numbered.Id}/resultats");
            await ImportAsync(page, $"numero\n{candidates[0].ExamNumber}\nINCONNU-1\n{candidates[0].ExamNumber}\n");
            await Expect(AttestationForm.ErrorSummary(page)).ToBeVisibleAsync();
            await Expect(page.Locator("#lignes-refusees")).ToContainTextAsync("INCONNU-1");
            await Axe.ScanAsync(page, "results import with bad rows");
            await ImportAsync(page, $"{candidates[0].ExamNumber}\n{candidates[2].ExamNumber}\n");
            await Expect(page.GetByText("Liste importée")).ToBeVisibleAsync();
            await Axe.ScanAsync(page, "results imported");
            await ResultsSeed.PublishAsync(Host, numbered, [candidates[0], candidates[2]]);

            var visitor = await NewPageAsync();
            await visitor.SetViewportSizeAsync(360, 740);
            foreach (var (query, expected) in new[]
            {
                ("", "Résultats des concours"),
                ($"/{numbered.Code}?q=kabore", "1 candidat admis"),
                ($"/{numbered.Code}?q=zzzz", "Aucun candidat admis ne correspond à votre recherche."),
                ($"/{numbered.Code}?q=a", "Saisissez au moins deux lettres du nom, ou le numéro de table."),
            })
            {
                var url = "/resultats" + query;
                await visitor.GotoAsync(url);
                await Expect(visitor.Locator("main")).ToContainTextAsync(expected);
                Assert.True(await visitor.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{url} is wider than a phone.");
                await Axe.ScanAsync(visitor, $"{url} on a phone");
            }

            Axe.AssertNone();
        }
        finally
        {
            foreach (var session in sessions)
            {
                await CompetitionSeed.RemoveSessionAsync(Host, session);
            }
        }
    }

    private static string Convocations(int competition) => $"/admin/concours/{competition}/convocations";

    private static async Task ImportAsync(IPage page, string csv)
    {
        await page.GetByLabel("Fichier CSV des admis").SetInputFilesAsync(new FilePayload { Name = "admis.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer la liste" }).ClickAsync();
    }
}
