using System.Net;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;
using EServices.Tests.Security;
using EServices.Web.Competitions;

namespace EServices.Tests.Features.CompetitionClosing;

/// <summary>AGRE's page after closing and « Valider les candidatures déposées ».</summary>
[Collection(CandidacyCollection.Name)]
public sealed class BulkValidationTests(CandidacyHost host)
{
    [Fact]
    public async Task Before_closing_the_page_says_when_the_competition_closes_and_offers_nothing()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        using var agre = await SignInAsync(host);

        var page = await agre.ClickAsync(await agre.GetAsync($"/admin/concours/{competition.Id}"), "Validation des candidatures, numéros et places");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Les inscriptions à ce concours sont ouvertes jusqu'au {OuagadougouTime.Format(competition.ClosesAt)}", page.Text, StringComparison.Ordinal);
        Assert.Empty(page.Html.QuerySelectorAll("main form"));
        var refused = await agre.FollowAsync(await Forge.PostPageAsync(agre, $"/admin/concours/{competition.Id}/cloture/validation"));
        Assert.Contains("rien ne peut être fait avant leur clôture", refused.Html.QuerySelector(".notice-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await agre.GetAsync($"/admin/concours/{competition.Id}/cloture/candidats.csv", follow: false)).Status);
    }

    [Fact]
    public async Task The_bulk_validation_accepts_the_eligible_filed_applications_once_each_and_leaves_the_others_to_an_agent()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0);
        using var candidate = host.NewSession();
        var account = await TestUsers.SignUpAsync(candidate);
        var filed = await candidate.SubmitAsync(await CompetitionSeed.ToReviewAsync(candidate, competition), "Déposer ma candidature", [("declaration", "oui")]);
        var number = filed.Url.Split('/')[^1];
        using var agre = await SignInAsync(host);
        await ClosingSeed.InsertAsync(host, competition,
        [
            new("Kaboré", "Issa", "1999-05-02", "Ouagadougou"),
            new("Sawadogo", "Rasmané", "2001-11-30", "Ouagadougou"),
            new("Traoré", "Aminata", "1998-01-01", "Koudougou"),
            new("Zongo", "Paul", "1980-03-03", "Ouagadougou"), // 47 on the reference date: over 35
            new("Diallo", "Fanta", "2000-02-02", "Ouagadougou", Nationality: "autre"),
            new("Bationo", "Marc", "2000-02-02", ""), // no centre: no seat to give
            new("Ilboudo", "Moussa", "2000-02-02", "Ouagadougou", "UnderReview"), // taken by an agent
            new("Compaoré", "Salif", "2000-02-02", "Ouagadougou", "Accepted"),
            new("Nikiema", "Alice", "2000-02-02", "Ouagadougou", "Rejected"),
            new("Yaméogo", "Jean", "2000-02-02", "Ouagadougou", "Draft"),
            new("Zerbo", "Awa", "2000-02-02", "Ouagadougou", "AwaitingPayment"),
        ]);
        await ClosingSeed.CloseAsync(host, competition);
        var url = $"/admin/concours/{competition.Id}/cloture";

        var page = await agre.GetAsync(url);
        Assert.Equal(7, Count(page, "Déposées et payées, en attente de validation"));
        Assert.Equal(1, Count(page, "En instruction"));
        Assert.Equal(1, Count(page, "Acceptées"));
        Assert.Equal(1, Count(page, "Rejetées"));
        Assert.Equal(1, Count(page, "Brouillons jamais déposés (ne comptent pas)"));
        Assert.Equal(1, Count(page, "En attente de paiement, non déposées (ne comptent pas sans paiement confirmé)"));
        Assert.Contains("il en reste 8", page.Text, StringComparison.Ordinal);
        var mails = await ClosingSeed.CountAsync(host, "SELECT count(*) FROM outbox_emails WHERE \"to\" = @to", ("to", account.Email));

        var requested = await agre.SubmitAsync(page, "Valider les candidatures déposées");
        Assert.StartsWith("La validation des candidatures déposées est lancée : elle se poursuit en arrière-plan.", requested.Html.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Validation en cours, demandée le", requested.Text, StringComparison.Ordinal);
        Assert.Contains("7 candidature(s) déposée(s) à examiner", requested.Text, StringComparison.Ordinal);
        Assert.Null(requested.Html.QuerySelector("main form"));
        Assert.Contains("Les numéros s'attribueront quand la validation en cours sera terminée.", requested.Text, StringComparison.Ordinal);
        Assert.Equal(7, Count(requested, "Déposées et payées, en attente de validation"));
        Assert.Equal(1, await ClosingSeed.RunJobAsync(host));
        var validated = await agre.ClickAsync(requested, "Actualiser");

        Assert.Equal(1, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM audit_entries WHERE target_label = @code AND action = 'Candidatures déposées validées : 4 candidatures acceptées, 3 non éligibles laissées à un agent.'",
            ("code", competition.Code)));
        Assert.DoesNotContain("Validation en cours", validated.Text, StringComparison.Ordinal);
        Assert.Equal(3, Count(validated, "Déposées et payées, en attente de validation"));
        Assert.Equal(5, Count(validated, "Acceptées"));
        Assert.Equal(1, Count(validated, "En instruction"));
        Assert.Equal(4, await EventsAsync(competition));
        Assert.Equal(1, await ClosingSeed.CountAsync(host, """
            SELECT count(DISTINCT (e.actor_id, e.at, e."from", e.comment)) FROM request_events e JOIN candidacies c ON c.request_id = e.request_id
            WHERE c.competition_id = @id AND e."to" = 'Accepted' AND e."from" = 'Submitted' AND e.comment = 'Demande acceptée'
            """, ("id", competition.Id)));
        Assert.Contains("Acceptée", (await candidate.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
        Assert.Equal(mails, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM outbox_emails WHERE \"to\" = @to", ("to", account.Email)));

        // A double click asks once; two nodes' jobs at once run it once, and find nothing left to accept.
        await Task.WhenAll(Forge.PostPageAsync(agre, $"{url}/validation"), Forge.PostPageAsync(agre, $"{url}/validation"));
        Assert.Equal(1, (await Task.WhenAll(ClosingSeed.RunJobAsync(host), ClosingSeed.RunJobAsync(host))).Sum());
        Assert.Equal(4, await EventsAsync(competition));
        Assert.Equal(2, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM audit_entries WHERE target_label = @code AND action = 'Validation des candidatures déposées demandée'", ("code", competition.Code)));
        Assert.Equal(1, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM audit_entries WHERE target_label = @code AND action LIKE '%4 candidatures acceptées%'", ("code", competition.Code)));
        Assert.Equal(1, await ClosingSeed.CountAsync(host, "SELECT count(*) FROM audit_entries WHERE target_label = @code AND action LIKE '%0 candidature acceptée%'", ("code", competition.Code)));

        var left = await agre.ClickAsync(await agre.GetAsync(url), "Voir les candidatures déposées non éligibles");
        Assert.Contains("3 candidature(s) déposée(s) ne remplissent pas les conditions", left.Text, StringComparison.Ordinal);
        var rows = left.Html.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains(rows, r => r.Contains("Zongo Paul", StringComparison.Ordinal) && r.Contains("ce concours est ouvert jusqu'à 35 ans", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Diallo Fanta", StringComparison.Ordinal) && r.Contains("réservé aux candidats de nationalité burkinabè", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Bationo Marc", StringComparison.Ordinal) && r.Contains("Aucun centre d'examen choisi.", StringComparison.Ordinal));
        var inBackOffice = await agre.ClickAsync(left, left.Html.QuerySelector("tbody a")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, inBackOffice.Status);
        Assert.StartsWith("/back-office/demandes/", inBackOffice.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_competition_is_not_found_and_only_AGRE_heads_and_administrators_get_in()
    {
        var competition = await ClosingSeed.ClosedAsync(host, ("Ouagadougou", 50));
        using var agre = await SignInAsync(host);
        foreach (var path in new[] { "", "/non-eligibles", "/candidats.csv" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await agre.GetAsync($"/admin/concours/999999/cloture{path}", follow: false)).Status);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await Forge.PostPageAsync(agre, "/admin/concours/999999/cloture/validation")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Forge.PostPageAsync(agre, "/admin/concours/999999/cloture/numerotation")).Status);

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "AGRE");
        Assert.Contains("/compte/acces-refuse", (await agent.GetAsync($"/admin/concours/{competition.Id}/cloture", follow: false)).Location, StringComparison.Ordinal);
        Assert.Contains("/compte/acces-refuse", (await Forge.PostPageAsync(agent, $"/admin/concours/{competition.Id}/cloture/numerotation")).Location, StringComparison.Ordinal);
        using var citizen = host.NewSession();
        await TestUsers.SignUpAsync(citizen);
        Assert.Contains("/compte/acces-refuse", (await citizen.GetAsync($"/admin/concours/{competition.Id}/cloture", follow: false)).Location, StringComparison.Ordinal);
        Assert.Equal(DBNull.Value, await host.ScalarAsync("SELECT numbered_at FROM competitions WHERE id = @id", ("id", competition.Id)));
    }

    public static async Task<WebSession> SignInAsync(HostFixture host)
    {
        var agre = host.NewSession();
        await TestStaff.SignInAsync(host, agre, Roles.Supervisor, "AGRE", "Mariam", "Sawadogo");
        return agre;
    }

    /// <summary>The number in the row of the table of applications whose heading is <paramref name="state"/>.</summary>
    public static int Count(Page page, string state) =>
        int.Parse(page.Html.QuerySelectorAll("#candidatures + table tbody tr").Single(r => r.QuerySelector("th")!.TextContent == state).QuerySelector("td")!.TextContent,
            System.Globalization.CultureInfo.InvariantCulture);

    private Task<long> EventsAsync(Competition competition) => ClosingSeed.CountAsync(host,
        "SELECT count(*) FROM request_events e JOIN candidacies c ON c.request_id = e.request_id WHERE c.competition_id = @id AND e.\"to\" = 'Accepted'",
        ("id", competition.Id));
}
