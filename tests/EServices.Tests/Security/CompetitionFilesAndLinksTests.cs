using System.Net;
using System.Text;
using EServices.Tests.Features.CompetitionClosing;
using EServices.Tests.Features.CompetitionResults;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Features.Convocations;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>The files of the competitions: the list of admitted candidates AGRE imports (whatever it is, a French message and
/// nothing half-imported), the candidates' CSV AGRE downloads (names typed by applicants never run as formulas), and the links
/// the convocations and the results carry (the configured public address, whatever Host or X-Forwarded-* a request claimed).</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CompetitionFilesAndLinksTests(CandidacyHost host)
{
    [Fact]
    public async Task Hostile_results_files_are_refused_with_a_French_message_next_to_the_field_and_import_nothing()
    {
        var (competition, candidates) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa", "KABORÉ Issa");
        using var agre = await AgreAsync();
        var number = candidates[0].ExamNumber;
        var random = new byte[4096];
        new Random(18).NextBytes(random);
        var files = new (string Name, byte[] Content)[]
        {
            ("binaire.csv", random),
            ("photo.csv", TestFiles.Png().Content),
            ("liste.pdf", TestFiles.Pdf().Content),
            ("formule.csv", Encoding.UTF8.GetBytes($"{number}\n=cmd|' /C calc'!A0\n+SUM(A1)\n@SUM(A1)\n-2+3\n")),
            ("guillemets.csv", Encoding.UTF8.GetBytes($"{number}\n\"\"\"\n\"{number}\n")),
            ("nul.csv", Encoding.UTF8.GetBytes($"{number}\n12\0 34\n")),
            ("une-ligne.csv", Encoding.UTF8.GetBytes(new string('7', 2_000_000))),
            ("10-mo.csv", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat($"{number};OUÉDRAOGO Awa;1999-04-17;Ouagadougou\r\n", 10 * 1024 * 1024 / 48)))),
        };
        var failures = new List<string>();
        foreach (var (name, content) in files)
        {
            var page = await agre.SubmitAsync(await agre.GetAsync(Page(competition)), "Importer la liste",
                files: new Dictionary<string, Upload> { ["Fichier"] = new(name, content, "text/csv") });
            if (page.Status != HttpStatusCode.BadRequest || page.ErrorFor("Fichier") is not { Length: > 0 } message || !message.Contains("Mo", StringComparison.Ordinal) && !message.Contains("import", StringComparison.Ordinal))
            {
                failures.Add($"{name}: {(int)page.Status} {page.ErrorFor("Fichier")} {page.Text[..Math.Min(page.Text.Length, 160)]}");
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM candidacies WHERE competition_id = @id AND admitted", ("id", competition.Id)));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT results_imported_at FROM competitions WHERE id = @id", ("id", competition.Id)));

        // Excel's « Texte Unicode » (UTF-16 with its BOM), then a French spreadsheet's CSV: BOM, « ; », a header, quoted
        // names with « ; » inside; each replaces the list before it.
        var unicode = await agre.SubmitAsync(await agre.GetAsync(Page(competition)), "Importer la liste",
            files: new Dictionary<string, Upload> { ["Fichier"] = new("unicode.txt", Encoding.Unicode.GetBytes($"\uFEFF{number};OUÉDRAOGO Awa\r\n"), "text/plain") });
        Assert.Contains("Liste importée : 1 admis.", unicode.Text, StringComparison.Ordinal);
        var excel = await agre.SubmitAsync(await agre.GetAsync(Page(competition)), "Importer la liste", files: new Dictionary<string, Upload>
        {
            ["Fichier"] = new("admis.csv", Encoding.UTF8.GetBytes($"\uFEFFNuméro;Nom\r\n{candidates[1].ExamNumber};\"KABORÉ; Issa\"\r\n"), "text/csv"),
        });
        Assert.Contains("Liste importée : 1 admis.", excel.Text, StringComparison.Ordinal);
        Assert.Equal(candidates[1].ExamNumber, await host.ScalarAsync("SELECT string_agg(exam_number, ' ') FROM candidacies WHERE competition_id = @id AND admitted", ("id", competition.Id)));
    }

    [Fact]
    public async Task Names_that_start_like_a_formula_are_neutralised_in_the_candidates_CSV()
    {
        var competition = await ClosingSeed.ClosedAsync(host, ("Ouagadougou", 30));
        string[] hostile = ["=cmd|' /C calc'!A0", "+SUM(1+1)", "-2+3", "@SUM(A1)", "\tTAB", "\r=LF"];
        await ClosingSeed.InsertAsync(host, competition, [.. hostile.Select(h => new Applicant(h, "Awa", "2000-01-15", "Ouagadougou", "Accepted"))]);
        using var agre = await AgreAsync();
        await Forge.PostPageAsync(agre, $"/admin/concours/{competition.Id}/cloture/numerotation");
        await ClosingSeed.RunJobAsync(host); // numbering runs in the background

        var (status, csv, _) = await agre.DownloadAsync($"/admin/concours/{competition.Id}/cloture/candidats.csv");

        Assert.Equal(HttpStatusCode.OK, status);
        var cells = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(';')[1].Trim('"')).ToList();
        Assert.Equal(hostile.Length, cells.Count);
        Assert.All(cells, cell => Assert.False(cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"A cell starts like a formula: {cell}"));
    }

    [Fact]
    public async Task Forged_Host_and_forwarded_headers_build_no_link_redirect_nor_QR_code_of_the_new_routes()
    {
        using var candidate = host.NewSession();
        var seeded = await ConvocationSeed.AddAsync(host, candidate, 1);
        await ConvocationSeed.RunAsync(ConvocationSeed.Job(host));
        using var agre = await AgreAsync();
        foreach (var session in new[] { candidate, agre })
        {
            var headers = session.Client.DefaultRequestHeaders;
            headers.TryAddWithoutValidation("X-Forwarded-Host", "xfh.attacker.example");
            headers.TryAddWithoutValidation("X-Forwarded-Proto", "http");
            headers.TryAddWithoutValidation("X-Forwarded-For", "203.0.113.66");
            headers.TryAddWithoutValidation("X-Forwarded-Prefix", "/attacker-prefix");
            headers.TryAddWithoutValidation("Forwarded", "host=fwd.attacker.example;proto=http");
        }

        var (_, pdf, _) = await candidate.DownloadAsync($"/mes-demandes/{seeded.Number}/convocation");
        var qr = await QrReader.ReadAsync(pdf);
        Assert.StartsWith($"{host.BaseAddress.GetLeftPart(UriPartial.Authority)}/V/", qr, StringComparison.OrdinalIgnoreCase); // upper case: a QR code's compact alphabet
        Assert.DoesNotContain("attacker", FilingTests.PdfText(pdf), StringComparison.Ordinal);

        // The results' SMS goes to a confirmed phone: the candidate's account gets one.
        await host.ScalarAsync("UPDATE \"AspNetUsers\" SET phone_number = '+22670123456', phone_number_confirmed = true WHERE id = (SELECT applicant_id FROM requests WHERE id = @id)", ("id", seeded.RequestId));
        var url = $"/admin/concours/{seeded.Competition.Id}/resultats";
        var imported = await agre.SubmitAsync(await agre.GetAsync(url), "Importer la liste",
            files: new Dictionary<string, Upload> { ["Fichier"] = new("admis.csv", Encoding.UTF8.GetBytes($"{seeded.ExamPrefix}00001"), "text/csv") }, follow: false);
        Assert.Equal(url, imported.Location);
        var published = await agre.SubmitAsync(await agre.GetAsync(url), "Publier les résultats", [("Confirm", "true")], follow: false);
        Assert.Equal(url, published.Location);
        foreach (var post in new[] { "cloture/validation", "cloture/numerotation", "convocations" })
        {
            Assert.StartsWith("/admin/concours/", (await Forge.PostPageAsync(agre, $"/admin/concours/{seeded.Competition.Id}/{post}")).Location, StringComparison.Ordinal);
        }

        var sms = (string)(await host.ScalarAsync("SELECT string_agg(text, ' ') FROM outbox_sms WHERE request_id = @id", ("id", seeded.RequestId)))!;
        Assert.Contains($"{host.BaseAddress.GetLeftPart(UriPartial.Authority)}/resultats/{seeded.Competition.Code}", sms, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker", sms, StringComparison.Ordinal);
        var results = await candidate.GetAsync($"/resultats/{seeded.Competition.Code}?q={seeded.ExamPrefix}00001");
        Assert.DoesNotContain("attacker", results.Html.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // A Host the portal does not serve: refused before any page.
        using var forged = host.NewSession();
        forged.Client.DefaultRequestHeaders.Host = "attacker.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await forged.GetAsync($"/resultats/{seeded.Competition.Code}", follow: false)).Status);
    }

    private async Task<WebSession> AgreAsync()
    {
        var agre = host.NewSession();
        await TestStaff.SignInAsync(host, agre, Roles.Supervisor, "AGRE", "Mariam", "Sawadogo");
        return agre;
    }

    private static string Page(Competition competition) => $"/admin/concours/{competition.Id}/resultats";
}
