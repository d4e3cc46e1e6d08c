using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Competitions;

/// <summary>An agent's request for correction cannot reopen what makes an application eligible and unique (CNIB, birth
/// date, nationality, diploma) nor the competition and centre: those change only through the application's own pages.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CandidacyCorrectionTests(CandidacyHost host)
{
    [Fact]
    public async Task An_agent_cannot_ask_a_candidate_to_correct_the_CNIB_birth_date_nationality_or_diploma()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var review = await CompetitionSeed.ToReviewAsync(session, competition);
        var number = (await session.SubmitAsync(review, "Déposer ma candidature", [("declaration", "oui")])).Url.Split('/')[^1];
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "AGRE");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");

        foreach (var field in new[] { "numero_cnib", "date_naissance", "nationalite", "diplome", "centre_composition" })
        {
            var refused = await agent.SubmitAsync(taken, "Demander le complément",
                [("champs", "telephone"), ("champs", field), ("message", "Corrigez."), ("echeance", "2027-04-09")]);
            Assert.Contains("ne se corrigent pas par une demande de complément", refused.Text, StringComparison.Ordinal);
            Assert.Equal("UnderReview", await host.ScalarAsync("SELECT status FROM requests WHERE number = @n", ("n", number)));
        }

        var asked = await agent.SubmitAsync(taken, "Demander le complément", [("champs", "telephone"), ("message", "Corrigez."), ("echeance", "2027-04-09")]);
        Assert.DoesNotContain("ne se corrigent pas", asked.Text, StringComparison.Ordinal);
        Assert.NotEqual("UnderReview", await host.ScalarAsync("SELECT status FROM requests WHERE number = @n", ("n", number)));
    }
}
