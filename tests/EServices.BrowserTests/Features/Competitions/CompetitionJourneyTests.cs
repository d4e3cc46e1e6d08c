using System.Diagnostics;
using System.Text;
using EServices.BrowserTests.Infrastructure;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Features.Convocations;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Domain.Competitions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;
using ClosingSeed = EServices.Tests.Features.CompetitionClosing.ClosingSeed;

namespace EServices.BrowserTests.Features.Competitions;

/// <summary>The whole competition as a candidate lives it on a 360 px phone, JavaScript on (axe on the pages no other test
/// scans) and off: « Concours ouverts », the application, the fee paid on the simulator's page, the receipt; after the
/// closing, the convocation downloaded from « Mes demandes »; after publication, the result found by exam number and by
/// name, by the candidate and by an anonymous visitor. AGRE's side goes through its forms over HTTP (not what this test
/// is about) and waits for each state rather than for a page, so that work moved to the background leaves it as it is.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CompetitionJourneyTests(BrowserHost host, Chromium chromium, ITestOutputHelper output) : AxeScanTest(host, chromium)
{
    [Fact]
    public Task Candidate_applies_pays_is_convened_and_finds_their_result_on_a_phone() => JourneyAsync(javaScript: true);

    [Fact]
    public Task Candidate_goes_from_application_to_result_with_javascript_off() => JourneyAsync(javaScript: false);

    private async Task JourneyAsync(bool javaScript)
    {
        var watch = Stopwatch.StartNew();
        var competition = await CompetitionSeed.AddAsync(Host, c => c.RequiredDocuments = ["piece_cnib", "piece_diplome"]);
        try
        {
            var page = await PhoneAsync(javaScript);
            await Applicant.SignUpAsync(page);
            var number = await ApplyAndPayAsync(page, competition, javaScript);
            var agre = await NewAdminPageAsync();
            var examNumber = await AgreConvenesAsync(agre, competition, number);

            // « Mes demandes »: the convocation, downloaded as the candidate's PDF.
            await page.GotoAsync("/mes-demandes");
            await page.GetByRole(AriaRole.Link, new() { Name = number }).First.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Convocation aux épreuves" })).ToContainTextAsync($"numéro de table {examNumber}");
            await FitsAsync(page, javaScript, "request with its convocation");
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger ma convocation (PDF)" }).ClickAsync());
            var convocation = FilingTests.PdfText(await File.ReadAllBytesAsync(await download.PathAsync()));
            foreach (var expected in new[] { "CONVOCATION", competition.Title, $"Numéro de table : {examNumber}", "Ouagadougou", "OUÉDRAOGO Awa", "/verifier/" })
            {
                Assert.Contains(expected, convocation, StringComparison.Ordinal);
            }

            await AgrePublishesAsync(agre, competition, examNumber);

            // The candidate, from « Résultats des concours », by exam number; a visitor without an account, by name.
            await page.GotoAsync("/resultats");
            await page.GetByRole(AriaRole.Link, new() { Name = competition.Title }).ClickAsync();
            await SearchAsync(page, examNumber.ToLowerInvariant(), examNumber);
            var visitor = await PhoneAsync(javaScript);
            await visitor.GotoAsync($"/resultats/{competition.Code}");
            await SearchAsync(visitor, "ouedraogo awa", examNumber);
            await SearchAsync(visitor, examNumber, examNumber);
            await FitsAsync(visitor, javaScript, "results found by exam number");

            Axe.AssertNone();
            output.WriteLine($"Journey with JavaScript {(javaScript ? "on" : "off")}: {watch.Elapsed.TotalSeconds:0.0} s.");
        }
        finally
        {
            await CompetitionSeed.RemoveSessionAsync(Host, competition.SessionId);
        }
    }

    /// <summary>From « Concours ouverts » to the receipt: returns the request's number.</summary>
    private async Task<string> ApplyAndPayAsync(IPage page, Competition competition, bool javaScript)
    {
        using var files = new ScratchFolder();
        await page.GotoAsync("/concours");
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Concours ouverts");
        await page.GetByRole(AriaRole.Link, new() { Name = competition.Title }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Postuler à ce concours" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Votre identité");
        await RegistrationForm.FillIdentityAsync(page, "2001-06-15", CompetitionSeed.NewCnib());
        await ContinueAsync(page);
        await page.GetByLabel("Diplôme le plus élevé").SelectOptionAsync(new SelectOptionValue { Label = "BEPC" });
        await page.GetByLabel("Année d'obtention").FillAsync("2018");
        await ContinueAsync(page);
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Pièces justificatives");
        await page.GetByLabel("Copie de la CNIB").SetInputFilesAsync(files.Pdf("cnib.pdf"));
        await page.GetByLabel("Copie du diplôme").SetInputFilesAsync(files.Pdf("bepc.pdf"));
        await ContinueAsync(page);
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Centre de composition");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Ouagadougou" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continuer vers le récapitulatif" }).ClickAsync();
        await Expect(Staff.Heading(page)).ToHaveTextAsync("Vérifiez votre candidature avant de la déposer");
        await page.GetByLabel("Je certifie sur l'honneur").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Payer et déposer" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Payer par mobile money" }).ClickAsync();
        await RegistrationForm.PayOnSimulatorAsync(page);

        await Expect(Staff.Heading(page)).ToHaveTextAsync("Paiement confirmé");
        var number = (await page.Locator("strong.nowrap").TextContentAsync())!;
        Assert.Matches(@"^AG-2027-\d{6}$", number);
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Télécharger le récépissé (PDF)" }).ClickAsync());
        Assert.Contains(number, FilingTests.PdfText(await File.ReadAllBytesAsync(await download.PathAsync())), StringComparison.Ordinal);
        await FitsAsync(page, javaScript, "receipt");
        return number;
    }

    /// <summary>The competition closes (by its date, in SQL: the host's clock is every test's); AGRE validates, numbers
    /// and asks for the convocations (its posts as its pages send them); the job's passes run. Returns the exam number.</summary>
    private async Task<string> AgreConvenesAsync(IPage agre, Competition competition, string number)
    {
        await ClosingSeed.CloseAsync(Host, competition);
        var closing = $"/admin/concours/{competition.Id}/cloture";
        await PostAsync(agre, $"{closing}/validation");
        await WaitForAsync("SELECT status = 'Accepted' FROM requests WHERE number = @n", number);
        await PostAsync(agre, $"{closing}/numerotation");
        await WaitForAsync("SELECT c.exam_number IS NOT NULL FROM candidacies c JOIN requests r ON r.id = c.request_id WHERE r.number = @n", number);
        await PostAsync(agre, $"/admin/concours/{competition.Id}/convocations");
        await ConvocationSeed.RunAsync(ConvocationSeed.Job(Host));
        await WaitForAsync("SELECT EXISTS (SELECT 1 FROM issued_documents d JOIN requests r ON r.id = d.request_id WHERE r.number = @n AND d.kind = 'Convocation')", number);
        return (string)(await Host.ScalarAsync("SELECT c.exam_number FROM candidacies c JOIN requests r ON r.id = c.request_id WHERE r.number = @n", ("n", number)))!;
    }

    /// <summary>AGRE imports the list of admitted candidates (a spreadsheet's CSV) on its page and publishes it.</summary>
    private static async Task AgrePublishesAsync(IPage agre, Competition competition, string examNumber)
    {
        await agre.GotoAsync($"/admin/concours/{competition.Id}/resultats");
        var csv = Encoding.UTF8.GetBytes($"\uFEFFNuméro de table;Nom\r\n{examNumber};OUÉDRAOGO Awa\r\n");
        await agre.GetByLabel("Fichier CSV des admis").SetInputFilesAsync(new FilePayload { Name = "admis.csv", MimeType = "text/csv", Buffer = csv });
        await agre.GetByRole(AriaRole.Button, new() { Name = "Importer la liste" }).ClickAsync();
        await Expect(agre.GetByText("Liste importée : 1 admis.")).ToBeVisibleAsync();
        await agre.GetByLabel("Je confirme la publication").CheckAsync();
        await agre.GetByRole(AriaRole.Button, new() { Name = "Publier les résultats" }).ClickAsync();
        await Expect(agre.GetByText("Résultats publiés")).ToBeVisibleAsync();
    }

    /// <summary>A staff form's post, with the token of the staff member's session, as the page would send it.</summary>
    private static async Task PostAsync(IPage staff, string url)
    {
        await staff.GotoAsync("/admin");
        var token = await staff.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var form = staff.Context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token!);
        var response = await staff.Context.APIRequest.PostAsync(url, new() { Form = form, MaxRedirects = 0 });
        Assert.Equal(302, response.Status);
    }

    private async Task SearchAsync(IPage page, string query, string examNumber)
    {
        await page.GetByLabel("Numéro de table ou début du nom").FillAsync(query);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        var found = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "candidat admis" });
        await Expect(found).ToContainTextAsync("1 candidat admis");
        await Expect(found.GetByRole(AriaRole.Row).Filter(new() { HasText = examNumber })).ToContainTextAsync("OUÉDRAOGO Awa");
    }

    private async Task<IPage> PhoneAsync(bool javaScript)
    {
        var page = await NewPageAsync(javaScript);
        await page.SetViewportSizeAsync(360, 740);
        return page;
    }

    /// <summary>The page fits the phone's width; with JavaScript, axe scans it.</summary>
    private async Task FitsAsync(IPage page, bool javaScript, string what)
    {
        if (!javaScript)
        {
            return;
        }

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{what} is wider than a phone.");
        await Axe.ScanAsync(page, what);
    }

    /// <summary>Waits (10 s at most) until the query, given <paramref name="value"/> as @n, answers true.</summary>
    private async Task WaitForAsync(string sql, string value)
    {
        for (var start = Stopwatch.StartNew(); start.Elapsed < TimeSpan.FromSeconds(10); await Task.Delay(100))
        {
            if (await Host.ScalarAsync(sql, ("n", value)) is true)
            {
                return;
            }
        }

        Assert.Fail($"Still not done after 10 s: {sql} ({value})");
    }

    private static Task ContinueAsync(IPage page) => page.GetByRole(AriaRole.Button, new() { Name = "Continuer", Exact = true }).ClickAsync();
}
