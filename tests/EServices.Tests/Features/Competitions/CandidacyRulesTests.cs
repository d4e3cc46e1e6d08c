using System.Globalization;
using System.Net;
using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Tests.Security;

namespace EServices.Tests.Features.Competitions;

/// <summary>The competition's rules on each step: eligibility told before paying, a CNIB already held told at once, the
/// documents it requires, a full centre refused, the window closed to the second; odd inputs never a server error.
/// (What « Payer et déposer » holds, under concurrency too: CandidacyHoldTests.)</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CandidacyRulesTests(CandidacyHost host)
{
    [Fact]
    public async Task Too_old_and_foreign_candidates_are_told_why_on_the_identity_step_with_their_answers_kept()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var identity = await CompetitionSeed.StartAsync(session, competition);

        var refused = await session.SubmitAsync(identity, "Continuer", CompetitionSeed.Identity(CompetitionSeed.NewCnib(), born: "1980-06-01", nationality: "autre"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Vous aurez 47 ans au 31/12/2027 : ce concours est ouvert jusqu'à 35 ans à cette date.", refused.ErrorFor("date_naissance"));
        Assert.Equal("Ce concours est réservé aux candidats de nationalité burkinabè.", refused.ErrorFor("nationalite"));
        Assert.Equal("1980-06-01", refused.ValueOf("date_naissance"));
        Assert.Equal("Awa Éléonore", refused.ValueOf("prenoms_declares"));
        // Saved, but the step is not done: the candidate comes back to it.
        Assert.Equal($"/candidatures/{CompetitionSeed.ApplicationId(identity)}/etapes/2", (await session.GetAsync($"/candidatures/{CompetitionSeed.ApplicationId(identity)}")).Url);
    }

    [Fact]
    public async Task A_diploma_below_the_level_is_refused_and_the_review_says_so_before_paying()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.MinimumDiploma = DiplomaLevel.Licence);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var diploma = await session.SubmitAsync(await CompetitionSeed.StartAsync(session, competition), "Continuer", CompetitionSeed.Identity(CompetitionSeed.NewCnib()));

        var refused = await session.SubmitAsync(diploma, "Continuer", CompetitionSeed.Diploma("bepc"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Ce concours demande au moins le niveau « Licence (bac + 3) » ; le diplôme déclaré est de niveau « BEPC (ou CAP, BEP) ».", refused.ErrorFor("diplome"));
        Assert.Equal("2021", refused.ValueOf("diplome_annee"));
        var review = await session.GetAsync($"/candidatures/{CompetitionSeed.ApplicationId(refused)}/recapitulatif");
        Assert.Contains("le diplôme déclaré est de niveau « BEPC (ou CAP, BEP) »", review.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Payer et déposer", review.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_required_document_missing_is_told_next_to_it()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var identity = await CompetitionSeed.StartAsync(session, competition);
        var documents = await session.SubmitAsync(await session.SubmitAsync(identity, "Continuer", CompetitionSeed.Identity(CompetitionSeed.NewCnib())), "Continuer", CompetitionSeed.Diploma());
        var files = CompetitionSeed.Documents();
        files.Remove("piece_naissance");

        var refused = await session.SubmitAsync(documents, "Continuer", files: files);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Extrait d'acte de naissance", refused.ErrorFor("piece_naissance"), StringComparison.Ordinal);
        Assert.Contains("cnib.pdf", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_CNIB_another_account_applied_with_is_refused_with_a_clear_message_and_nothing_typed_lost()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        var cnib = CompetitionSeed.NewCnib();
        using var first = host.NewSession();
        await TestUsers.SignUpAsync(first);
        await first.SubmitAsync(await CompetitionSeed.ToReviewAsync(first, competition, cnib), "Payer et déposer", [("declaration", "oui")]);
        using var second = host.NewSession();
        await TestUsers.SignUpAsync(second, "Issa", "Sawadogo");
        var identity = await CompetitionSeed.StartAsync(second, competition);

        var refused = await second.SubmitAsync(identity, "Continuer", CompetitionSeed.Identity(cnib.ToLowerInvariant()));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.StartsWith("Une candidature à ce concours existe déjà pour ce numéro de CNIB.", refused.ErrorFor("numero_cnib"), StringComparison.Ordinal);
        Assert.Equal("Awa Éléonore", refused.ValueOf("prenoms_declares"));
        Assert.Equal(cnib.ToLowerInvariant(), refused.ValueOf("numero_cnib"), ignoreCase: true);
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT cnib FROM candidacies WHERE request_id = @id", ("id", CompetitionSeed.ApplicationId(identity))));
    }

    [Fact]
    public async Task A_full_centre_is_shown_complete_and_refused_and_the_others_are_still_offered()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var first = host.NewSession();
        await TestUsers.SignUpAsync(first);
        await first.SubmitAsync(await CompetitionSeed.ToReviewAsync(first, competition, centre: "Koudougou"), "Payer et déposer", [("declaration", "oui")]);
        using var second = host.NewSession();
        await TestUsers.SignUpAsync(second, "Issa", "Sawadogo");
        var centres = await CompetitionSeed.ToCentreAsync(second, competition, CompetitionSeed.NewCnib());
        var koudougou = CompetitionSeed.CentreId(competition, "Koudougou").ToString(CultureInfo.InvariantCulture);

        Assert.Contains("Koudougou — complet", centres.Text, StringComparison.Ordinal);
        Assert.True(centres.Html.QuerySelector($"input[name=centre][value='{koudougou}']")!.HasAttribute("disabled"));
        var refused = await second.SubmitAsync(centres, "Continuer", [("centre", koudougou)]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Ce centre est complet : choisissez-en un autre.", refused.ErrorFor("centre"));
        Assert.False(refused.Html.QuerySelector($"input[name=centre][value='{CompetitionSeed.CentreId(competition, "Ouagadougou")}']")!.HasAttribute("disabled"));
        Assert.Equal(1, await host.ScalarAsync("SELECT taken FROM exam_centres WHERE id = @id", ("id", CompetitionSeed.CentreId(competition, "Koudougou"))));
    }

    [Fact]
    public async Task Closing_is_enforced_by_the_server_clock_to_the_second_and_nothing_is_saved_after()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.ClosesAt = DateTimeOffset.MinValue);
        var closes = host.Clock().GetUtcNow().AddSeconds(30);
        await host.ScalarAsync("UPDATE competitions SET closes_at = @at WHERE id = @id", ("at", closes), ("id", competition.Id));
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var identity = await CompetitionSeed.StartAsync(session, competition);
        var diploma = await session.SubmitAsync(identity, "Continuer", CompetitionSeed.Identity(CompetitionSeed.NewCnib()));
        Assert.Equal("Votre diplôme", diploma.Html.QuerySelector("h1")!.TextContent);

        host.Clock().Advance(TimeSpan.FromSeconds(30));
        try
        {
            var refused = await session.SubmitAsync(diploma, "Continuer", CompetitionSeed.Diploma());
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.Contains("Les inscriptions à ce concours sont closes depuis le", refused.Text, StringComparison.Ordinal);
            Assert.Contains("Rien n'a été enregistré", refused.Text, StringComparison.Ordinal);
            var answers = (string)(await host.ScalarAsync("SELECT answers::text FROM requests WHERE id = @id", ("id", CompetitionSeed.ApplicationId(identity))))!;
            Assert.DoesNotContain("diplome", answers, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Conflict, (await session.GetAsync($"/candidatures/{CompetitionSeed.ApplicationId(identity)}/centre")).Status);
            Assert.Equal(HttpStatusCode.Conflict, (await Forge.PostPageAsync(session, $"/concours/{competition.Code}/candidature")).Status);
        }
        finally
        {
            host.Clock().Advance(TimeSpan.FromSeconds(-30));
        }
    }

    [Fact]
    public async Task Odd_inputs_never_cause_a_server_error()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var id = CompetitionSeed.ApplicationId(await CompetitionSeed.StartAsync(session, competition));
        var long200 = new string('é', 200);
        (string, string)[][] posts =
        [
            [("nom_declare", long200), ("nom_declare", "Deux"), ("date_naissance", "2027-02-30"), ("numero_cnib", "<script>"), ("nationalite", "martienne")],
            [("diplome", long200), ("diplome_annee", "99999999999999999999"), ("_action", "retirer:x:y")],
        ];
        Assert.True((await Forge.PostPageAsync(session, $"/candidatures/{id}/etapes/2", posts[0])).Status is HttpStatusCode.BadRequest);
        Assert.True((await Forge.PostPageAsync(session, $"/candidatures/{id}/etapes/3", posts[1])).Status is HttpStatusCode.BadRequest or HttpStatusCode.Redirect);
        foreach (var centre in new[] { "abc", "-1", "99999999999", long200, "" })
        {
            var page = await Forge.PostPageAsync(session, $"/candidatures/{id}/centre", ("centre", centre));
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Equal("Choisissez un centre de composition dans la liste.", page.ErrorFor("centre"));
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Forge.PostPageAsync(session, $"/candidatures/{id}/etapes/9")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await Forge.PostPageAsync(session, $"/candidatures/{id}/deposer", ("declaration", "oui"))).Status);
    }
    [Fact]
    public async Task The_same_step_posted_many_times_at_once_saves_once_and_never_answers_a_server_error()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var identity = await CompetitionSeed.StartAsync(session, competition);
        var cnib = CompetitionSeed.NewCnib();

        // A double click with JavaScript off, eight times over: the row's version lets one save through at a time; a post
        // that crossed another one is told the request changed meanwhile (409), never a 500.
        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => session.SubmitAsync(identity, "Continuer", CompetitionSeed.Identity(cnib))));

        Assert.All(pages, p => Assert.Contains(p.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.All(pages.Where(p => p.Status == HttpStatusCode.Conflict), p => Assert.Contains("Demande modifiée entre-temps", p.Text, StringComparison.Ordinal));
        Assert.Equal(cnib, await host.ScalarAsync("SELECT answers->>'numero_cnib' FROM requests WHERE id = @id", ("id", CompetitionSeed.ApplicationId(identity))));
    }
}
