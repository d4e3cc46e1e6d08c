using System.Net;
using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Tests.Security;

namespace EServices.Tests.Features.Competitions;

/// <summary>A candidate applies to a competition: start, the three steps, the centre, the review, the payment page; a free
/// competition files at once; the generic pages send an application to its own pages.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CandidacyJourneyTests(CandidacyHost host)
{
    [Fact]
    public async Task A_candidate_fills_each_step_chooses_a_centre_and_reaches_the_payment_page_of_the_competition_fee()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 7500);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var cnib = CompetitionSeed.NewCnib();

        var identity = await CompetitionSeed.StartAsync(session, competition);
        Assert.Equal("Votre identité", identity.Html.QuerySelector("h1")!.TextContent);
        Assert.Contains(competition.Title, identity.Text, StringComparison.Ordinal);
        Assert.Null(identity.Html.QuerySelector("[name=concours]"));
        Assert.Null(identity.Html.QuerySelector("[name=centre_composition]"));
        var id = CompetitionSeed.ApplicationId(identity);

        var diploma = await session.SubmitAsync(identity, "Continuer", CompetitionSeed.Identity(cnib));
        Assert.Equal("Votre diplôme", diploma.Html.QuerySelector("h1")!.TextContent);
        // A draft holds no CNIB (nor a seat): « Payer et déposer » takes them.
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT cnib FROM candidacies WHERE request_id = @id", ("id", id)));
        var documents = await session.SubmitAsync(diploma, "Continuer", CompetitionSeed.Diploma());
        // The documents the competition asks for, and only those.
        Assert.NotNull(documents.Html.QuerySelector("[name=piece_naissance]"));
        Assert.Null(documents.Html.QuerySelector("[name=piece_casier]"));
        var centres = await session.SubmitAsync(documents, "Continuer", files: CompetitionSeed.Documents());
        Assert.Contains("Ouagadougou — 100 places restantes", centres.Text, StringComparison.Ordinal);
        Assert.Contains("Koudougou — 1 place restante", centres.Text, StringComparison.Ordinal);

        var review = await session.SubmitAsync(centres, "Continuer", [("centre", CompetitionSeed.CentreId(competition, "Koudougou").ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal($"/candidatures/{id}/recapitulatif", review.Url);
        Assert.Contains("Centre de composition Koudougou", review.Text, StringComparison.Ordinal);
        Assert.Contains($"Concours {competition.Title}", review.Text, StringComparison.Ordinal);
        Assert.Contains("7 500 FCFA", review.Text, StringComparison.Ordinal);
        Assert.Equal((0, DBNull.Value), await HeldAsync(competition, id));

        // Visitors of earlier tests that never returned their cookie leave the count now (a minute later), not between reads.
        host.Clock().Advance(TimeSpan.FromSeconds(61));
        var admitted = await AdmittedAsync(session);
        var paying = await session.SubmitAsync(review, "Payer et déposer", [("declaration", "oui")]);
        Assert.Equal($"/brouillons/{id}/paiement", paying.Url);
        Assert.Contains("7 500 FCFA", paying.Text, StringComparison.Ordinal);
        Assert.Equal((1, cnib), await HeldAsync(competition, id));
        // Gone to the payment, the candidate frees their place in the waiting room at once (not after the idle timeout).
        Assert.Equal(admitted - 1, await AdmittedAsync(session));

        // « Revenir au formulaire » leads back to the application's review, not to the generic one, and gives the CNIB and
        // the seat back until the candidate submits again.
        var back = await session.SubmitAsync(paying, "Revenir au formulaire");
        Assert.Equal($"/candidatures/{id}/recapitulatif", back.Url);
        Assert.Equal(admitted, await AdmittedAsync(session)); // back on the application's pages: still admitted, counted again
        Assert.Equal((0, DBNull.Value), await HeldAsync(competition, id));
        paying = await session.SubmitAsync(back, "Payer et déposer", [("declaration", "oui")]);
        Assert.Equal((1, cnib), await HeldAsync(competition, id));
        var filed = await host.PayAtCounterAsync(session, paying, 7500);
        var number = filed.Url.Split('/')[^1];
        Assert.Matches(@"^[A-Z]+-2027-\d{6}$", number);
        var (status, pdf, _) = await session.DownloadAsync($"/mes-demandes/{number}/recepisse");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("7 500 FCFA", Filing.FilingTests.PdfText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_free_competition_is_filed_at_once_with_its_number()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var review = await CompetitionSeed.ToReviewAsync(session, competition);

        var filed = await session.SubmitAsync(review, "Déposer ma candidature", [("declaration", "oui")]);

        Assert.Matches(@"^/mes-demandes/[A-Z]+-2027-\d{6}$", filed.Url);
        Assert.Contains("Numéro d'ordre", filed.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_candidates_sign_in_first_and_an_unknown_competition_is_not_found()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var anonymous = host.NewSession();
        var home = await anonymous.GetAsync("/");
        var token = home.Html.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        using var content = new FormUrlEncodedContent([KeyValuePair.Create("__RequestVerificationToken", token)]);
        using var response = await anonymous.Client.PostAsync($"/concours/{competition.Code}/candidature", content);
        Assert.Equal("/compte/connexion", response.Headers.Location?.AbsolutePath);

        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        Assert.Equal(HttpStatusCode.NotFound, (await Forge.PostPageAsync(session, "/concours/nul-part/candidature")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Forge.PostPageAsync(session, $"/concours/{new string('é', 200)}/candidature")).Status);
    }

    [Fact]
    public async Task Beyond_the_session_maximum_the_candidate_is_told_why_and_nothing_is_started()
    {
        var first = await CompetitionSeed.AddAsync(host);
        var second = await CompetitionSeed.AddAsync(host);
        await host.ScalarAsync("UPDATE competitions SET session_id = (SELECT session_id FROM competitions WHERE id = @first) WHERE id = @second", ("first", first.Id), ("second", second.Id));
        await host.ScalarAsync("UPDATE competition_sessions SET max_applications_per_candidate = 1 WHERE id = (SELECT session_id FROM competitions WHERE id = @first)", ("first", first.Id));
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        await CompetitionSeed.StartAsync(session, first);

        var refused = await CompetitionSeed.StartAsync(session, second);

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("Vous avez déjà 1 candidature dans la session", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Rien n'a été enregistré", refused.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_registration_procedure_is_closed_a_candidate_is_told_so_and_nothing_is_started()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        await host.ScalarAsync("UPDATE procedures SET closed_at = now() WHERE slug = @slug", ("slug", PaymentSteps.Slug));
        try
        {
            var refused = await CompetitionSeed.StartAsync(session, competition);

            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.Contains("Les inscriptions en ligne aux concours sont suspendues", refused.Text, StringComparison.Ordinal);
            Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM candidacies WHERE competition_id = @id", ("id", competition.Id)));
        }
        finally
        {
            await host.ScalarAsync("UPDATE procedures SET closed_at = NULL WHERE slug = @slug", ("slug", PaymentSteps.Slug));
        }
    }

    [Fact]
    public async Task The_generic_pages_send_an_application_to_its_own_pages()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var identity = await CompetitionSeed.StartAsync(session, competition);
        var id = CompetitionSeed.ApplicationId(identity);

        Assert.Equal($"/candidatures/{id}", (await session.GetAsync($"/brouillons/{id}/etapes/1", follow: false)).Location);
        Assert.Equal($"/candidatures/{id}", (await session.GetAsync($"/brouillons/{id}/recapitulatif", follow: false)).Location);
        var mine = await session.GetAsync("/mes-demandes");
        Assert.Equal($"/candidatures/{id}/etapes/2", (await session.ClickAsync(mine, "Reprendre")).Url);
        // The generic registration starts from the list of competitions while a session takes applications.
        var sheet = await session.GetAsync($"/demarches/{PaymentSteps.Slug}");
        Assert.Equal("/concours", (await session.SubmitAsync(sheet, "Commencer la démarche", follow: false)).Location);
    }

    [Fact]
    public async Task Only_the_candidate_opens_their_application()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var id = CompetitionSeed.ApplicationId(await CompetitionSeed.StartAsync(session, competition));
        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other, "Issa", "Sawadogo");

        foreach (var path in new[] { "", "/etapes/2", "/etapes/3", "/centre", "/recapitulatif" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/candidatures/{id}{path}")).Status);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Forge.PostPageAsync(other, $"/candidatures/{id}/etapes/2", CompetitionSeed.Identity(CompetitionSeed.NewCnib()))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Forge.PostPageAsync(other, $"/candidatures/{id}/centre", ("centre", "1"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Forge.PostPageAsync(other, $"/candidatures/{id}/deposer", ("declaration", "oui"))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/candidatures/{id}/etapes/1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/candidatures/{Guid.NewGuid()}/etapes/2")).Status);
    }

    /// <summary>The candidates this node's waiting room counts as admitted, as /health shows them.</summary>
    private static async Task<int> AdmittedAsync(WebSession session)
    {
        var health = await (await session.Client.GetAsync("/health")).Content.ReadAsStringAsync();
        return int.Parse(System.Text.RegularExpressions.Regex.Match(health, @"(\d+) admis sur").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The places taken at Koudougou and the CNIB the application holds.</summary>
    private async Task<(object?, object?)> HeldAsync(Competition competition, Guid id) =>
        (await host.ScalarAsync("SELECT taken FROM exam_centres WHERE id = @id", ("id", CompetitionSeed.CentreId(competition, "Koudougou"))),
         await host.ScalarAsync("SELECT cnib FROM candidacies WHERE request_id = @id", ("id", id)));
}
