using System.Globalization;
using System.Net;
using EServices.Tests.Infrastructure;
using EServices.Tests.Security;

namespace EServices.Tests.Features.Competitions;

/// <summary>A draft holds neither its CNIB nor a seat (nobody can block other people's numbers or fill a centre without
/// paying): « Payer et déposer » takes both, under concurrency too, within the session's maximum per CNIB; a rejection in
/// the back-office gives them back.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CandidacyHoldTests(CandidacyHost host)
{
    private const string CnibTaken = "Une candidature à ce concours existe déjà pour ce numéro de CNIB. Si ce n'est pas vous qui l'avez faite, adressez-vous à l'AGRE avec votre CNIB.";

    [Fact]
    public async Task Two_accounts_fill_drafts_with_one_CNIB_and_the_second_to_submit_is_refused_with_nothing_lost()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        var cnib = CompetitionSeed.NewCnib();
        using var first = await SignedUpAsync();
        using var second = await SignedUpAsync();
        var firstReview = await CompetitionSeed.ToReviewAsync(first, competition, cnib);
        var secondReview = await CompetitionSeed.ToReviewAsync(second, competition, cnib);
        Assert.Equal($"/candidatures/{CompetitionSeed.ApplicationId(secondReview)}/recapitulatif", secondReview.Url);
        Assert.Equal(0L, await HoldersAsync(competition, cnib));

        var paying = await Submit(first, firstReview);
        Assert.Equal($"/brouillons/{CompetitionSeed.ApplicationId(firstReview)}/paiement", paying.Url);
        var refused = await Submit(second, secondReview);

        Assert.Equal(secondReview.Url, refused.Url);
        Assert.Contains(CnibTaken, refused.Text, StringComparison.Ordinal);
        Assert.Equal(1L, await HoldersAsync(competition, cnib));
        Assert.Equal(cnib, await host.ScalarAsync("SELECT answers->>'numero_cnib' FROM requests WHERE id = @id", ("id", CompetitionSeed.ApplicationId(secondReview))));
        Assert.Equal(true, await host.ScalarAsync("SELECT awaiting_payment_since IS NULL FROM requests WHERE id = @id", ("id", CompetitionSeed.ApplicationId(secondReview))));

        // A third account typing it now is told at once, next to the field, with what it typed kept (a read, not a hold).
        using var third = await SignedUpAsync();
        var told = await third.SubmitAsync(await CompetitionSeed.StartAsync(third, competition), "Continuer", CompetitionSeed.Identity(cnib));
        Assert.Equal(HttpStatusCode.BadRequest, told.Status);
        Assert.Equal(CnibTaken, told.ErrorFor("numero_cnib"));
        Assert.Equal("Awa Éléonore", told.ValueOf("prenoms_declares"));
    }

    [Fact]
    public async Task Two_drafts_choose_the_last_place_the_first_to_submit_holds_it_and_the_second_is_sent_to_choose_another()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        var koudougou = CompetitionSeed.CentreId(competition, "Koudougou");
        using var first = await SignedUpAsync();
        using var second = await SignedUpAsync();
        var firstReview = await CompetitionSeed.ToReviewAsync(first, competition, centre: "Koudougou");
        var secondReview = await CompetitionSeed.ToReviewAsync(second, competition, centre: "Koudougou");
        Assert.Equal(0, await TakenAsync(koudougou));

        await Submit(first, firstReview);
        Assert.Equal(1, await TakenAsync(koudougou));
        var sent = await Submit(second, secondReview);

        var id = CompetitionSeed.ApplicationId(secondReview);
        Assert.Equal($"/candidatures/{id}/centre", sent.Url);
        Assert.Contains("Ce centre est complet : choisissez-en un autre.", sent.Text, StringComparison.Ordinal);
        Assert.Contains("Koudougou — complet", sent.Text, StringComparison.Ordinal);
        Assert.Equal(1, await TakenAsync(koudougou));
        var review = await second.SubmitAsync(sent, "Continuer", [("centre", CompetitionSeed.CentreId(competition, "Ouagadougou").ToString(CultureInfo.InvariantCulture))]);
        Assert.Equal($"/brouillons/{id}/paiement", (await Submit(second, review)).Url);
        Assert.Equal(1, await TakenAsync(CompetitionSeed.CentreId(competition, "Ouagadougou")));
    }

    [Fact]
    public async Task Five_accounts_submitting_one_CNIB_and_the_last_place_at_once_leave_exactly_one_holder()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        var cnib = CompetitionSeed.NewCnib();
        var sessions = new List<WebSession>();
        try
        {
            var ids = new List<Guid>();
            for (var i = 0; i < 5; i++)
            {
                sessions.Add(await SignedUpAsync());
                ids.Add(CompetitionSeed.ApplicationId(await CompetitionSeed.ToReviewAsync(sessions[i], competition, cnib, "Koudougou")));
            }

            var posted = await Task.WhenAll(sessions.Select((s, i) => Forge.PostPageAsync(s, $"/candidatures/{ids[i]}/deposer", ("declaration", "oui"))));

            Assert.All(posted, p => Assert.Equal(HttpStatusCode.Redirect, p.Status));
            Assert.Single(posted, p => p.Location!.EndsWith("/paiement", StringComparison.Ordinal));
            Assert.Equal(1L, await HoldersAsync(competition, cnib));
            Assert.Equal(1, await TakenAsync(CompetitionSeed.CentreId(competition, "Koudougou")));
            Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM requests WHERE id = ANY(@ids) AND awaiting_payment_since IS NOT NULL", ("ids", ids.ToArray())));
        }
        finally
        {
            sessions.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task The_session_maximum_counts_the_applications_held_with_one_CNIB_whatever_the_account()
    {
        var competitions = new List<Competition>();
        for (var i = 0; i < 3; i++)
        {
            competitions.Add(await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0));
        }

        var sessionId = await host.ScalarAsync("SELECT session_id FROM competitions WHERE id = @id", ("id", competitions[0].Id));
        await host.ScalarAsync("UPDATE competitions SET session_id = @s WHERE id = ANY(@ids)", ("s", sessionId!), ("ids", competitions.Select(c => c.Id).ToArray()));
        var cnib = CompetitionSeed.NewCnib();
        for (var i = 0; i < 2; i++)
        {
            using var account = await SignedUpAsync();
            var filed = await Submit(account, await CompetitionSeed.ToReviewAsync(account, competitions[i], cnib), "Déposer ma candidature");
            Assert.StartsWith("/mes-demandes/", filed.Url, StringComparison.Ordinal);
        }

        using var third = await SignedUpAsync();
        var review = await CompetitionSeed.ToReviewAsync(third, competitions[2], cnib);
        var refused = await Submit(third, review, "Déposer ma candidature");

        Assert.Equal(review.Url, refused.Url);
        Assert.Contains($"Le numéro de CNIB {cnib} a déjà 2 candidatures déposées dans la session", refused.Text, StringComparison.Ordinal);
        Assert.Equal(0L, await HoldersAsync(competitions[2], cnib));
    }

    [Fact]
    public async Task A_rejection_in_the_back_office_frees_the_CNIB_and_the_seat_for_another_account()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0);
        var koudougou = CompetitionSeed.CentreId(competition, "Koudougou");
        var cnib = CompetitionSeed.NewCnib();
        using var squatter = await SignedUpAsync();
        var number = (await Submit(squatter, await CompetitionSeed.ToReviewAsync(squatter, competition, cnib, "Koudougou"), "Déposer ma candidature")).Url.Split('/')[^1];
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "AGRE");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");

        await agent.SubmitAsync(taken, "Rejeter la demande", [("motif", "Ce numéro de CNIB n'est pas le vôtre.")]);

        Assert.Equal(0L, await HoldersAsync(competition, cnib));
        Assert.Equal(0, await TakenAsync(koudougou));
        Assert.Equal("Koudougou", await host.ScalarAsync("SELECT answers->>'centre_composition' FROM requests WHERE number = @n", ("n", number)));
        Assert.Contains("Numéro de CNIB et place au centre d'examen libérés", (await squatter.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
        using var owner = await SignedUpAsync();
        var filed = await Submit(owner, await CompetitionSeed.ToReviewAsync(owner, competition, cnib, "Koudougou"), "Déposer ma candidature");
        Assert.StartsWith("/mes-demandes/", filed.Url, StringComparison.Ordinal);
        Assert.Equal(1L, await HoldersAsync(competition, cnib));
        Assert.Equal(1, await TakenAsync(koudougou));
    }

    private async Task<WebSession> SignedUpAsync()
    {
        var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        return session;
    }

    private static Task<Page> Submit(WebSession session, Page review, string button = "Payer et déposer") =>
        session.SubmitAsync(review, button, [("declaration", "oui")]);

    private async Task<object?> HoldersAsync(Competition competition, string cnib) =>
        await host.ScalarAsync("SELECT count(*) FROM candidacies WHERE competition_id = @c AND cnib = @n", ("c", competition.Id), ("n", cnib));

    private async Task<object?> TakenAsync(int centre) => await host.ScalarAsync("SELECT taken FROM exam_centres WHERE id = @id", ("id", centre));
}
