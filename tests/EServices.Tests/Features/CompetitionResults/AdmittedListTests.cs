using System.Net;
using System.Text;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.CompetitionResults;

/// <summary>AGRE imports the list of admitted candidates (all or nothing, bad rows listed with their line), imports it
/// again to correct it, then publishes it once: one SMS per admitted candidate, whatever the clicks.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class AdmittedListTests(CandidacyHost host)
{
    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_lists_each_bad_row_with_its_line()
    {
        var (competition, candidates) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa", "KABORÉ Issa", "SAWADOGO Mariam");
        var (_, others) = await ResultsSeed.NumberedAsync(host, "ZONGO Boukary");
        using var chef = await AgreAsync();
        var a = candidates.Select(c => c.ExamNumber).ToList();
        var csv = string.Join("\n",
            "Numéro de table;Nom", // 1: header
            $"{a[0]};OUÉDRAOGO Awa", // 2
            "", // 3: blank, tolerated
            "ZZ-999999", // 4: unknown
            others[0].ExamNumber, // 5: another competition's
            $" {a[0].ToLowerInvariant()} ", // 6: the same number again
            "n°@@!%_'\"", // 7: garbage
            new string('7', 200), // 8: 200 characters
            ";OUÉDRAOGO Awa", // 9: no number
            $"{a[1]}\tKABORÉ Issa"); // 10: cut by a tabulation, not « ; »

        var page = await ImportAsync(chef, competition, Encoding.UTF8.GetBytes(csv));

        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("7 lignes refusées : rien n'a été importé. Corrigez le fichier et importez-le de nouveau.", page.ErrorFor("Fichier"));
        var rows = page.Html.QuerySelectorAll("#lignes-refusees tbody tr").Select(r => r.Children.Select(c => c.TextContent).ToArray()).ToList();
        Assert.Equal(["4", "5", "6", "7", "8", "9", "10"], rows.Select(r => r[0]));
        Assert.Equal("numéro de table inconnu dans ce concours", rows[0][2]);
        Assert.Equal("numéro de table inconnu dans ce concours", rows[1][2]);
        Assert.Equal($"numéro en double (déjà à la ligne 2)", rows[2][2]);
        Assert.StartsWith("ce n'est pas un numéro de table", rows[3][2], StringComparison.Ordinal);
        Assert.StartsWith("ce n'est pas un numéro de table", rows[4][2], StringComparison.Ordinal);
        Assert.True(rows[4][1].Length <= 40);
        Assert.Equal("numéro de table manquant dans la première colonne", rows[5][2]);
        Assert.StartsWith("ce n'est pas un numéro de table", rows[6][2], StringComparison.Ordinal);
        Assert.Equal(0L, await AdmittedAsync(competition));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT results_imported_at FROM competitions WHERE id = @id", ("id", competition.Id)));

        var empty = await ImportAsync(chef, competition, []);
        Assert.Equal("Le fichier est vide : il doit contenir un numéro de table par ligne.", empty.ErrorFor("Fichier"));
        var headerOnly = await ImportAsync(chef, competition, Encoding.UTF8.GetBytes("numero;nom\n\n ; \n"));
        Assert.Equal("Le fichier ne contient aucun numéro de table : rien n'a été importé.", headerOnly.ErrorFor("Fichier"));
        var noFile = await chef.SubmitAsync(await chef.GetAsync(Page(competition)), "Importer la liste");
        Assert.Equal("Choisissez le fichier CSV de la liste des admis.", noFile.ErrorFor("Fichier"));
    }

    [Fact]
    public async Task Only_the_first_fifty_bad_rows_are_listed_with_the_count_of_all()
    {
        var (competition, _) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa");
        using var chef = await AgreAsync();
        var csv = string.Join("\r\n", Enumerable.Range(1, 120).Select(i => $"X{i}-UNKNOWN"));

        var page = await ImportAsync(chef, competition, Encoding.UTF8.GetBytes(csv));

        Assert.StartsWith("120 lignes refusées", page.ErrorFor("Fichier"), StringComparison.Ordinal);
        Assert.Contains("Lignes refusées : les 50 premières sur 120", page.Text, StringComparison.Ordinal);
        Assert.Equal(50, page.Html.QuerySelectorAll("#lignes-refusees tbody tr").Length);
    }

    [Fact]
    public async Task A_good_file_admits_its_candidates_a_new_import_replaces_it_and_publishing_twice_sends_one_SMS_each()
    {
        var (competition, candidates) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa", "KABORÉ Issa", "SAWADOGO Mariam", "ZONGO Boukary");
        using var chef = await AgreAsync();
        var edit = await chef.GetAsync($"/admin/concours/{competition.Id}");
        var page = await chef.ClickAsync(edit, "Résultats");
        Assert.Contains("Importer la liste des admis", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Publier les résultats", page.Text, StringComparison.Ordinal);

        // Excel's CSV: a BOM, « , », Windows line ends, spaces, a blank line.
        var first = "\uFEFF" + string.Join("\r\n", "numero,nom", $" {candidates[0].ExamNumber} , Awa", "", $"{candidates[1].ExamNumber},Issa") + "\r\n";
        var imported = await ImportAsync(chef, competition, Encoding.UTF8.GetBytes(first));
        Assert.Contains("Liste importée : 2 admis.", imported.Text, StringComparison.Ordinal);
        Assert.Equal([candidates[0].ExamNumber, candidates[1].ExamNumber], await AdmittedNumbersAsync(competition));

        var again = await ImportAsync(chef, competition, Encoding.UTF8.GetBytes($"{candidates[1].ExamNumber};x\n{candidates[2].ExamNumber}\n"));
        Assert.Contains("Liste importée : 2 admis.", again.Text, StringComparison.Ordinal);
        Assert.Equal([candidates[1].ExamNumber, candidates[2].ExamNumber], await AdmittedNumbersAsync(competition));
        Assert.Equal(2L, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_type = 'concours' AND target_id = @id AND action LIKE 'Liste des admis importée%'", ("id", competition.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var unconfirmed = await chef.SubmitAsync(again, "Publier les résultats");
        Assert.Equal("Cochez la case pour confirmer : la publication est définitive.", unconfirmed.ErrorFor("Confirm"));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT results_published_at FROM competitions WHERE id = @id", ("id", competition.Id)));

        // A double click, or two nodes: both posts cross; the results are published once and each admitted gets one SMS.
        var posts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => chef.SubmitAsync(again, "Publier les résultats", [("Confirm", "true")])));
        Assert.All(posts, p => Assert.StartsWith("publiés le", ResultsSeed.Sheet(p, "Publication"), StringComparison.Ordinal));
        Assert.Contains("page des résultats", posts[0].Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Importer la liste", posts[0].Text, StringComparison.Ordinal);
        foreach (var admitted in candidates.Skip(1).Take(2))
        {
            var sms = Assert.Single(await TestSms.ToAsync(host, admitted.Phone));
            Assert.Contains($"{admitted.ExamNumber} ADMIS au concours \"{competition.Title}\".", sms.Text, StringComparison.Ordinal);
            Assert.EndsWith($"/resultats/{competition.Code}", sms.Text, StringComparison.Ordinal);
        }

        Assert.Empty(await TestSms.ToAsync(host, candidates[0].Phone));
        Assert.Empty(await TestSms.ToAsync(host, candidates[3].Phone));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_id = @id AND action = 'Résultats publiés : 2 admis'", ("id", competition.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Empty(posts[0].Html.QuerySelectorAll("input[type=file]"));
        var late = await chef.SubmitAsync(again, "Importer la liste", // from a tab left open
            files: new Dictionary<string, Upload> { ["Fichier"] = new("admis.csv", Encoding.UTF8.GetBytes(candidates[0].ExamNumber), "text/csv") });
        Assert.Equal(HttpStatusCode.BadRequest, late.Status);
        Assert.Equal(["Les résultats de ce concours sont publiés : la liste des admis ne peut plus changer."], late.SummaryErrors);
        Assert.Equal([candidates[1].ExamNumber, candidates[2].ExamNumber], await AdmittedNumbersAsync(competition));
    }

    [Fact]
    public async Task Before_numbering_the_page_says_so_and_an_import_is_refused()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var chef = await AgreAsync();

        var page = await chef.GetAsync(Page(competition));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("La liste des admis s'importe une fois les numéros de table attribués.", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Html.QuerySelectorAll("input[type=file]"));
        Assert.Equal(HttpStatusCode.NotFound, (await chef.GetAsync("/admin/concours/999999/resultats")).Status);
    }

    private async Task<WebSession> AgreAsync()
    {
        var chef = host.NewSession();
        await TestStaff.SignInAsync(host, chef, Roles.Supervisor, "AGRE", "Mariam", "Sawadogo");
        return chef;
    }

    private static string Page(Competition competition) => $"/admin/concours/{competition.Id}/resultats";

    private static async Task<Page> ImportAsync(WebSession chef, Competition competition, byte[] csv) =>
        await chef.SubmitAsync(await chef.GetAsync(Page(competition)), "Importer la liste",
            files: new Dictionary<string, Upload> { ["Fichier"] = new("admis.csv", csv, "text/csv") });

    private async Task<long> AdmittedAsync(Competition competition) =>
        (long)(await host.ScalarAsync("SELECT count(*) FROM candidacies WHERE competition_id = @id AND admitted", ("id", competition.Id)))!;

    private async Task<string[]> AdmittedNumbersAsync(Competition competition) =>
        (string[])(await host.ScalarAsync("SELECT array_agg(exam_number ORDER BY exam_number) FROM candidacies WHERE competition_id = @id AND admitted", ("id", competition.Id)))!;
}
