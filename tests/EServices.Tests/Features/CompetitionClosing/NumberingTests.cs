using System.Net;
using System.Text;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Features.Convocations;
using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Tests.Security;
using Npgsql;

namespace EServices.Tests.Features.CompetitionClosing;

/// <summary>« Attribuer les numéros et les places »: refused while a decision is pending, then once, by the deterministic
/// rule, and the list of candidates as CSV.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class NumberingTests(CandidacyHost host)
{
    [Fact]
    public async Task Numbering_waits_for_every_decision_then_seats_each_centre_in_the_order_of_filing_across_rooms()
    {
        var competition = await ClosingSeed.ClosedAsync(host, ("Ouagadougou", 2), ("Bobo-Dioulasso", 3));
        using var agre = await BulkValidationTests.SignInAsync(host);
        await ClosingSeed.InsertAsync(host, competition,
        [
            // Filed in this order (first filed, first seated), whatever the names say.
            new("OUATTARA", "Ali", "1999-01-01", "Ouagadougou", "Accepted"),
            new("Ouédraogo", "Awa", "1995-06-01", "Ouagadougou", "Accepted"),
            new("N'Diaye", "Fatou", "2000-01-01", "Ouagadougou", "Accepted"),
            new("Ouedraogo", "  Awa ", "1990-06-01", "Ouagadougou", "Accepted"),
            new("KABORÉ-Zoungrana", "Éric", "1997-01-01", "Ouagadougou", "Accepted"),
            new("Sanou", "Œdipe", "1996-01-01", "Bobo-Dioulasso", "Accepted"),
            new("Zongo", "Paul", "1996-01-01", "Bobo-Dioulasso", "Rejected"),
            new("Traoré", "Lucie", "1996-01-01", "Bobo-Dioulasso", "UnderReview"),
        ]);
        var url = $"/admin/concours/{competition.Id}/cloture";

        var waiting = await agre.GetAsync(url);
        Assert.Contains("il en reste 1 (déposées, en instruction ou complément demandé)", waiting.Text, StringComparison.Ordinal);
        Assert.Null(waiting.Html.QuerySelector($"form[action='{url}/numerotation']"));
        var refused = await agre.FollowAsync(await Forge.PostPageAsync(agre, $"{url}/numerotation"));
        Assert.Equal("1 candidature attend encore une décision : les numéros seront attribués quand toutes seront acceptées ou rejetées.",
            refused.Html.QuerySelector(".notice-error")!.TextContent);
        Assert.Equal(0L, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM candidacies WHERE competition_id = @id AND exam_number IS NOT NULL", ("id", competition.Id)));

        await host.ScalarAsync("UPDATE requests SET status = 'Accepted' WHERE status = 'UnderReview' AND id IN (SELECT request_id FROM candidacies WHERE competition_id = @id)", ("id", competition.Id));
        var requested = await agre.SubmitAsync(await agre.GetAsync(url), "Attribuer les numéros et les places");

        Assert.StartsWith("L'attribution des numéros et des places est lancée : elle se poursuit en arrière-plan.", requested.Html.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Attribution des numéros et des places en cours, demandée le", requested.Text, StringComparison.Ordinal);
        Assert.Contains("7 candidat(s) accepté(s) à numéroter", requested.Text, StringComparison.Ordinal);
        Assert.Equal(1, await ClosingSeed.RunJobAsync(host));
        var numbered = await agre.ClickAsync(requested, "Actualiser");
        Assert.Contains("Numéros et places attribués le", numbered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Attribution des numéros et des places en cours", numbered.Text, StringComparison.Ordinal);
        Assert.Equal(1L, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM audit_entries WHERE target_label = @code AND action = 'Numéros de table et places : numéros et places attribués à 7 candidats.'",
            ("code", competition.Code)));
        var id = competition.Id;
        Assert.Equal(
        [
            $"{id}-01-00001 SANOU Œdipe 1996-01-01 Bobo-Dioulasso 1 1 SANOU OEDIPE",
            $"{id}-01-00002 TRAORÉ Lucie 1996-01-01 Bobo-Dioulasso 1 2 TRAORE LUCIE",
            $"{id}-02-00001 OUATTARA Ali 1999-01-01 Ouagadougou 1 1 OUATTARA ALI",
            $"{id}-02-00002 OUÉDRAOGO Awa 1995-06-01 Ouagadougou 1 2 OUEDRAOGO AWA",
            $"{id}-02-00003 N'DIAYE Fatou 2000-01-01 Ouagadougou 2 1 NDIAYE FATOU",
            $"{id}-02-00004 OUEDRAOGO Awa 1990-06-01 Ouagadougou 2 2 OUEDRAOGO AWA",
            $"{id}-02-00005 KABORÉ-ZOUNGRANA Éric 1997-01-01 Ouagadougou 3 1 KABORE ZOUNGRANA ERIC",
        ], await SeatsAsync(id));

        var (status, csv, response) = await agre.DownloadAsync($"{url}/candidats.csv");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"candidats-{competition.Code}.csv", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Numéro de table;Nom et prénoms;Date de naissance;Centre;Salle;Place", lines[0]);
        Assert.Equal($"{id}-01-00001;SANOU Œdipe;01/01/1996;Bobo-Dioulasso;1;1", lines[1]);
        Assert.Equal($"{id}-02-00005;KABORÉ-ZOUNGRANA Éric;01/01/1997;Ouagadougou;3;1", lines[^1]);
        Assert.Equal(8, lines.Length);

        var again = await agre.FollowAsync(await Forge.PostPageAsync(agre, $"{url}/numerotation"));
        Assert.StartsWith("Les numéros et les places sont déjà attribués depuis le", again.Html.QuerySelector(".notice-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1L, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM audit_entries WHERE target_label = @code AND action LIKE 'Numéros de table%'", ("code", competition.Code)));
    }

    [Fact]
    public async Task Two_identical_lists_are_numbered_in_the_same_order_and_two_clicks_at_once_number_once()
    {
        var first = await ClosingSeed.ClosedAsync(host, ("Koudougou", 7), ("Dédougou", 4), ("Dori", 5));
        var second = await ClosingSeed.ClosedAsync(host, ("Dori", 5), ("Koudougou", 7), ("Dédougou", 4));
        string[] noms = ["Ouédraogo", "OUEDRAOGO", "Kaboré", "Kabore", "N'Diaye", "Ndiaye", "Sawadogo", "Zoungrana", "Çissé", "Cissé"];
        string[] centres = ["Koudougou", "Dédougou", "Dori"];
        // Filed two by two in the same second (in a shuffled order): the tracking number decides between them.
        var filed = host.Clock().GetUtcNow().AddDays(-3);
        var series = (first: $"N{Guid.NewGuid():N}"[..9], second: $"N{Guid.NewGuid():N}"[..9]);
        var applicants = Enumerable.Range(0, 60).Select(i => new Applicant(noms[i % noms.Length], i % 7 == 0 ? "Awa" : $"Prénom {i % 4}",
            $"199{i % 3}-0{1 + (i % 5)}-1{i % 2}", centres[i % 3], "Accepted")
        { Cnib = $"B{20_000_000 + (i * 7919 % 1000)}", FiledAt = filed.AddSeconds(i * 37 % 60 / 2), Number = $"{series.first}-{i * 37 % 60:D5}" }).ToList();
        using var agre = await BulkValidationTests.SignInAsync(host);
        await ClosingSeed.InsertAsync(host, first, applicants);
        applicants.Reverse();
        await ClosingSeed.InsertAsync(host, second, [.. applicants.Select(a => a with { Number = a.Number!.Replace(series.first, series.second, StringComparison.Ordinal) })]);

        var pages = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Forge.PostPageAsync(agre, $"/admin/concours/{first.Id}/cloture/numerotation")));
        await agre.SubmitAsync(await agre.GetAsync($"/admin/concours/{second.Id}/cloture"), "Attribuer les numéros et les places");
        // Two nodes' jobs at once: each competition is numbered by one of them, once.
        var passes = await Task.WhenAll(ClosingSeed.RunJobAsync(host), ClosingSeed.RunJobAsync(host));

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.Redirect, p.Status));
        Assert.Equal(2, passes.Sum());
        Assert.Equal(1L, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM audit_entries WHERE target_label = @code AND action LIKE 'Attribution des numéros%'", ("code", first.Code)));
        Assert.Equal(1L, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM audit_entries WHERE target_label = @code AND action LIKE 'Numéros de table%'", ("code", first.Code)));
        var one = await SeatsAsync(first.Id);
        var other = await SeatsAsync(second.Id);
        Assert.Equal(60, one.Count);
        Assert.Equal(one.Select(Unnumbered), other.Select(Unnumbered));
        Assert.Equal(60, one.Select(s => s.Split(' ')[0]).Distinct().Count());
        // Dédougou (DEDOUGOU) before Dori, then Koudougou; Dédougou's 20 candidates in rooms of 4: the last in room 5, seat 4.
        Assert.StartsWith($"{first.Id}-01-00020 ", one[19], StringComparison.Ordinal);
        Assert.Contains(" Dédougou 5 4 ", one[19], StringComparison.Ordinal);
        Assert.StartsWith($"{first.Id}-02-00001 ", one[20], StringComparison.Ordinal);
        Assert.Contains(" Dori 1 1 ", one[20], StringComparison.Ordinal);
        Assert.Contains(" Koudougou 3 6 ", one[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crash_in_the_middle_of_the_numbering_leaves_nothing_half_done_and_the_next_pass_numbers_everyone()
    {
        var competition = await ClosingSeed.ClosedAsync(host, ("Kaya", 3));
        await ClosingSeed.InsertAsync(host, competition, [.. Enumerable.Range(0, 5).Select(i => new Applicant("Sawadogo", $"Prénom {i}", "1998-01-01", "Kaya", "Accepted"))]);
        using var agre = await BulkValidationTests.SignInAsync(host);
        var url = $"/admin/concours/{competition.Id}/cloture";
        var requested = await agre.SubmitAsync(await agre.GetAsync(url), "Attribuer les numéros et les places");
        var again = await agre.FollowAsync(await Forge.PostPageAsync(agre, $"{url}/numerotation"));
        Assert.StartsWith("L'attribution des numéros et des places, demandée le", again.Html.QuerySelector(".notice-error")!.TextContent, StringComparison.Ordinal);

        // The node dies after the third candidate is seated: a trigger fails the statement there, as a crash would.
        var crash = $"crash_{competition.Id}";
        await host.ScalarAsync($"""
            CREATE FUNCTION {crash}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.exam_number LIKE '%-00003' THEN RAISE EXCEPTION 'node lost'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER {crash} BEFORE UPDATE ON candidacies FOR EACH ROW WHEN (NEW.competition_id = {competition.Id}) EXECUTE FUNCTION {crash}();
            """);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => ClosingSeed.Job(host).RunOnceAsync(CancellationToken.None));
        }
        finally
        {
            await host.ScalarAsync($"DROP TRIGGER {crash} ON candidacies; DROP FUNCTION {crash}();");
        }

        Assert.Equal(0L, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM candidacies WHERE competition_id = @id AND exam_number IS NOT NULL", ("id", competition.Id)));
        var stillRunning = await agre.ClickAsync(requested, "Actualiser");
        Assert.Contains("Attribution des numéros et des places en cours", stillRunning.Text, StringComparison.Ordinal);

        Assert.Equal(1, await ClosingSeed.RunJobAsync(host));
        Assert.Equal(5, (await SeatsAsync(competition.Id)).Count);
        Assert.Contains("Numéros et places attribués le", (await agre.ClickAsync(stillRunning, "Actualiser")).Text, StringComparison.Ordinal);
        Assert.Equal(1L, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM audit_entries WHERE target_label = @code AND action LIKE 'Numéros de table%'", ("code", competition.Code)));
    }

    [Fact]
    public async Task Applications_filed_after_the_numbering_are_counted_and_seated_after_the_last_seat_of_their_centre()
    {
        var competition = await ClosingSeed.ClosedAsync(host, ("Tenkodogo", 2), ("Fada N'Gourma", 2));
        await ClosingSeed.InsertAsync(host, competition,
        [
            new("Compaoré", "Salif", "1998-01-01", "Tenkodogo", "Accepted"),
            new("Bationo", "Marc", "1998-01-01", "Tenkodogo", "Accepted"),
            new("Lompo", "Alice", "1998-01-01", "Fada N'Gourma", "Accepted"),
        ]);
        using var agre = await BulkValidationTests.SignInAsync(host);
        var url = $"/admin/concours/{competition.Id}/cloture";
        await agre.SubmitAsync(await agre.GetAsync(url), "Attribuer les numéros et les places");
        await ClosingSeed.RunJobAsync(host);
        var before = await SeatsAsync(competition.Id);
        Assert.Null((await agre.GetAsync(url)).Html.QuerySelector("#retardataires"));
        var convocations = $"/admin/concours/{competition.Id}/convocations";
        await agre.SubmitAsync(await agre.GetAsync(convocations), "Générer les convocations");

        // Mobile payments confirmed after the numbering: one already accepted by an agent, one still filed.
        await ClosingSeed.InsertAsync(host, competition,
        [
            new("Zida", "Issa", "1990-01-01", "Tenkodogo", "Accepted"),
            new("Yonli", "Paul", "1990-01-01", "Tenkodogo"),
        ]);
        var page = await agre.GetAsync(url);
        var late = page.Html.QuerySelector("#retardataires")!.TextContent;
        Assert.Contains("2 candidature(s) sans numéro de table : 1 acceptée(s) et 1 en attente de décision", late, StringComparison.Ordinal);
        Assert.Contains("Acceptez-les ou rejetez-les dans le back-office", late, StringComparison.Ordinal);

        var requested = await agre.SubmitAsync(page, "Attribuer les numéros aux candidatures acceptées après la numérotation");
        Assert.Contains("1 candidat(s) accepté(s) à numéroter", requested.Text, StringComparison.Ordinal);
        await ClosingSeed.RunJobAsync(host);

        var id = competition.Id;
        var after = await SeatsAsync(id);
        Assert.Equal([.. before, $"{id}-02-00003 ZIDA Issa 1990-01-01 Tenkodogo 2 1 ZIDA ISSA"], after);
        // AGRE had asked for the convocations before: the latecomer's is on the job's list with the others'.
        Assert.Contains("Génération en cours : 0 convocation produite sur 4.", (await agre.GetAsync(convocations)).Text, StringComparison.Ordinal);
        await ConvocationSeed.RunAsync(ConvocationSeed.Job(host));
        Assert.Contains("Terminé : les 4 convocations sont produites", (await agre.GetAsync(convocations)).Text, StringComparison.Ordinal);
        Assert.Contains("1 candidature(s) sans numéro de table : 0 acceptée(s) et 1 en attente de décision", (await agre.GetAsync(url)).Text, StringComparison.Ordinal);
        Assert.Equal(1L, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM audit_entries WHERE target_label = @code AND action LIKE '%attribués à 1 candidat (retardataires, à la suite de leur centre).'", ("code", competition.Code)));
        var refused = await agre.FollowAsync(await Forge.PostPageAsync(agre, $"{url}/numerotation"));
        Assert.EndsWith("aucune candidature acceptée depuis n'attend de numéro.", refused.Html.QuerySelector(".notice-error")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>A seat's line without its competition's part of the exam number.</summary>
    private static string Unnumbered(string line) => line[line.IndexOf('-', StringComparison.Ordinal)..];

    /// <summary>Each numbered candidate: exam number, name, birth date, centre, room, seat, name key — in exam number order.</summary>
    private async Task<List<string>> SeatsAsync(int competitionId)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand("""
            SELECT concat_ws(' ', c.exam_number, c.candidate_name, c.birth_date, e.name, c.room, c.seat, c.name_key)
            FROM candidacies c JOIN exam_centres e ON e.id = c.centre_id WHERE c.competition_id = @id AND c.exam_number IS NOT NULL ORDER BY c.exam_number
            """, connection);
        select.Parameters.AddWithValue("id", competitionId);
        var seats = new List<string>();
        await using var reader = await select.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            seats.Add(reader.GetString(0));
        }

        return seats;
    }
}
