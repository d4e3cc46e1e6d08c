using System.Net;
using EServices.Tests.Features.CompetitionClosing;
using EServices.Tests.Features.CompetitionResults;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>The routes of the competitions after closing (results, closing, convocations) and the candidate's pages, given
/// what no page offers: odd codes and ids in the address, hostile searches, repeated and prefixed form keys, fields named
/// like the route, another candidate's application. A French refusal or the page itself, never a 500, never another's data.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CompetitionRoutesInputTests(CandidacyHost host)
{
    /// <summary>Route values as they travel in the address (already escaped where needed).</summary>
    private static readonly string[] OddCodes =
    [
        "-1", "0", "99999999999999999999999", "1e309", "abc", "J%2361vaScript", "%2500", "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%E9", "%C0%AE", "'%20OR%20'1'%3D'1", Uri.EscapeDataString(string.Concat(Enumerable.Repeat("concoursé", 23))),
    ];

    [Fact]
    public async Task Odd_codes_and_ids_in_the_new_routes_get_the_French_404_or_400_page_never_a_500()
    {
        using var agre = await AgreAsync();
        using var candidate = host.NewSession();
        await TestUsers.SignUpAsync(candidate);
        using var visitor = host.NewSession();
        var failures = new List<string>();
        async Task CheckAsync(WebSession session, string url)
        {
            var page = await session.GetAsync(url, follow: false);
            var french = page.Text.Contains("Page introuvable", StringComparison.Ordinal) || page.Text.Contains("Demande incorrecte", StringComparison.Ordinal);
            if (page.Status is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest) || !french)
            {
                failures.Add($"{url}: {(int)page.Status} {page.Text[..Math.Min(120, page.Text.Length)]}");
            }
        }

        foreach (var odd in OddCodes)
        {
            await CheckAsync(visitor, $"/resultats/{odd}");
            await CheckAsync(visitor, $"/resultats/{odd}/liste.pdf");
            await CheckAsync(visitor, $"/resultats/{odd}?q=ouedraogo");
            await CheckAsync(visitor, $"/concours/{odd}");
            // « Postuler » after signing in comes back here: sent on to the competition's page, on this portal only.
            var back = await candidate.GetAsync($"/concours/{odd}/candidature", follow: false);
            if (back.Status != HttpStatusCode.Redirect || back.Location is not { } location || !location.StartsWith("/concours/", StringComparison.Ordinal) || location.Contains("//", StringComparison.Ordinal))
            {
                failures.Add($"/concours/{odd}/candidature: {(int)back.Status} {back.Location}");
            }

            foreach (var page in new[] { "resultats", "cloture", "cloture/non-eligibles", "cloture/candidats.csv", "convocations" })
            {
                await CheckAsync(agre, $"/admin/concours/{odd}/{page}");
            }

            foreach (var page in new[] { "", "/centre", "/recapitulatif", "/modifier", "/etapes/1" })
            {
                await CheckAsync(candidate, $"/candidatures/{odd}{page}");
            }

            await CheckAsync(candidate, $"/candidatures/{Guid.NewGuid()}/etapes/{odd}");
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Hostile_searches_of_published_results_answer_with_the_page_and_a_French_message_and_list_nobody_by_wildcard()
    {
        var (competition, candidates) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa", "KABORÉ Issa", "SAWADOGO Mariam");
        await ResultsSeed.PublishAsync(host, competition, candidates);
        using var visitor = host.NewSession();
        var url = $"/resultats/{competition.Code}";

        foreach (var q in new[] { "%25", "%25%25", "_%25", "__", "*", ".*", "%5C", "%27%20OR%20%271%27%3D%271", "1%27%3B%20SELECT%20pg_sleep(3)--", "%3Cscript%3E", "-1", "%F0%9F%98%80%F0%9F%98%80" })
        {
            var page = await visitor.GetAsync($"{url}?q={q}");
            Assert.True(page.Status is HttpStatusCode.OK, $"q={q}: {(int)page.Status}");
            Assert.Empty(page.Html.QuerySelectorAll("[role=status] tbody tr"));
        }

        var tooLong = await visitor.GetAsync($"{url}?q={Uri.EscapeDataString(new string('é', 200))}");
        Assert.Equal("Saisissez 100 caractères au plus : un numéro de table ou le début d'un nom.", tooLong.ErrorFor("q"));
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.GetAsync($"{url}?q=kabor%00e", follow: false)).Status);

        // Repeated and prefixed keys: the first « q » is the search, the others nothing.
        var repeated = await visitor.GetAsync($"{url}?q=kabore&q=sawadogo&Command.q=ouedraogo&x.q=ouedraogo");
        Assert.Equal([candidates[1].ExamNumber], repeated.Html.QuerySelectorAll("[role=status] tbody tr td:first-child").Select(td => td.TextContent));
        var prefixed = await visitor.GetAsync($"{url}?Command.q=kabore&x.Q=kabore&q[0]=kabore");
        Assert.Null(prefixed.Html.QuerySelector("[role=status]"));
    }

    [Fact]
    public async Task Another_candidates_application_answers_404_and_shows_nothing_of_it_even_with_its_id_posted_as_a_field()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var owner = host.NewSession();
        await TestUsers.SignUpAsync(owner);
        var cnib = CompetitionSeed.NewCnib();
        var review = await CompetitionSeed.ToReviewAsync(owner, competition, cnib);
        var id = CompetitionSeed.ApplicationId(review);
        using var intruder = host.NewSession();
        await TestUsers.SignUpAsync(intruder, "Issa", "Zongo");
        var own = CompetitionSeed.ApplicationId(await CompetitionSeed.StartAsync(intruder, competition));

        foreach (var page in new[] { "", "/etapes/1", "/etapes/2", "/centre", "/recapitulatif", "/modifier", "/modifier/centre", "/modifier/etapes/2" })
        {
            var seen = await intruder.GetAsync($"/candidatures/{id}{page}");
            Assert.True(seen.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{page}: {(int)seen.Status}");
            Assert.DoesNotContain(cnib, seen.Text, StringComparison.Ordinal);
        }

        var centre = CompetitionSeed.CentreId(competition, "Koudougou").ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var post in new[] { $"/candidatures/{id}/centre", $"/candidatures/{id}/etapes/2", $"/candidatures/{id}/deposer" })
        {
            var refused = await Forge.PostPageAsync(intruder, post, ("centre", centre), ("numero_cnib", "B00000000"), ("declaration", "oui"));
            Assert.True(refused.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{post}: {(int)refused.Status}");
        }

        // Their own application's address with the other's id as a field: the address wins.
        await Forge.PostPageAsync(intruder, $"/candidatures/{own}/etapes/2", ("id", id.ToString()), ("Id", id.ToString()), ("numero_cnib", "B00000000"));
        Assert.Equal(cnib, await host.ScalarAsync("SELECT answers->>'numero_cnib' FROM requests WHERE id = @id", ("id", id)));
        Assert.Equal("Draft", await host.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task AGRE_posts_with_repeated_prefixed_and_route_named_fields_act_on_the_competition_of_the_address_only()
    {
        var target = await ClosingSeed.ClosedAsync(host, ("Ouagadougou", 30));
        var other = await ClosingSeed.ClosedAsync(host, ("Ouagadougou", 30));
        using var agre = await AgreAsync();
        await ClosingSeed.InsertAsync(host, other, [new("Kaboré", "Issa", "1999-05-02", "Ouagadougou")]);
        var (results, candidates) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa", "KABORÉ Issa");
        var (otherResults, _) = await ResultsSeed.NumberedAsync(host, "ZONGO Paul");
        (string, string)[] Pointing(Competition c) => [("id", $"{c.Id}"), ("Id", $"{c.Id}"), ("competitionId", $"{c.Id}"), ("Command.Id", $"{c.Id}"), ("x.id", $"{c.Id}")];

        foreach (var post in new[] { "cloture/validation", "cloture/numerotation", "convocations" })
        {
            var page = await Forge.PostPageAsync(agre, $"/admin/concours/{target.Id}/{post}", [.. Pointing(other), .. Pointing(other)]);
            Assert.Equal(HttpStatusCode.Redirect, page.Status);
            Assert.StartsWith($"/admin/concours/{target.Id}/", page.Location, StringComparison.Ordinal);
        }

        await ClosingSeed.RunJobAsync(host); // validation and numbering run in the background: whatever was recorded is done now
        Assert.Equal("Submitted", await host.ScalarAsync("SELECT r.status FROM requests r JOIN candidacies c ON c.request_id = r.id WHERE c.competition_id = @id", ("id", other.Id)));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT validation_requested_at FROM competitions WHERE id = @id", ("id", other.Id)));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT convocations_requested_at FROM competitions WHERE id = @id", ("id", other.Id)));

        // « Confirm » only under another name, then twice with « false » first: nothing is published.
        var url = $"/admin/concours/{results.Id}/resultats";
        await agre.SubmitAsync(await agre.GetAsync(url), "Importer la liste",
            files: new Dictionary<string, Upload> { ["Fichier"] = new("admis.csv", System.Text.Encoding.UTF8.GetBytes(candidates[0].ExamNumber), "text/csv") });
        var unconfirmed = await Forge.PostPageAsync(agre, $"{url}/publier", [("Command.Confirm", "true"), ("x.Confirm", "true"), ("Confirm[0]", "true"), .. Pointing(otherResults)]);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.Status);
        Assert.Equal("Cochez la case pour confirmer : la publication est définitive.", unconfirmed.ErrorFor("Confirm"));
        await Forge.PostPageAsync(agre, $"{url}/publier", ("Confirm", "false"), ("Confirm", "true"));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT results_published_at FROM competitions WHERE id = @id", ("id", results.Id)));

        var published = await Forge.PostPageAsync(agre, $"{url}/publier", [("Confirm", "true"), ("Confirm", "true"), .. Pointing(otherResults)]);
        Assert.Equal(HttpStatusCode.Redirect, published.Status);
        Assert.NotEqual(DBNull.Value, await host.ScalarAsync("SELECT results_published_at FROM competitions WHERE id = @id", ("id", results.Id)));
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT results_imported_at FROM competitions WHERE id = @id", ("id", otherResults.Id)));
    }

    private async Task<WebSession> AgreAsync()
    {
        var agre = host.NewSession();
        await TestStaff.SignInAsync(host, agre, Roles.Supervisor, "AGRE", "Mariam", "Sawadogo");
        return agre;
    }
}
