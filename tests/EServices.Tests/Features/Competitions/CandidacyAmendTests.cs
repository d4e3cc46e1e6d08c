using System.Globalization;
using System.Net;
using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Tests.Security;

namespace EServices.Tests.Features.Competitions;

/// <summary>« Modifier ma candidature »: after filing, the centre (its place moves) and the answers of steps 2 and 3 change
/// under the same rules, each change recorded, until the competition closes, to the second.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CandidacyAmendTests(CandidacyHost host)
{
    private static string Id(Competition competition, string centre) => CompetitionSeed.CentreId(competition, centre).ToString(CultureInfo.InvariantCulture);

    private async Task<(WebSession Session, string Number, Guid Id)> FiledAsync(Competition competition)
    {
        var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var review = await CompetitionSeed.ToReviewAsync(session, competition);
        var filed = await session.SubmitAsync(review, "Déposer ma candidature", [("declaration", "oui")]);
        return (session, filed.Url.Split('/')[^1], CompetitionSeed.ApplicationId(review));
    }

    [Fact]
    public async Task After_filing_the_candidate_changes_centre_and_identity_and_each_change_is_recorded()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0);
        var (session, number, id) = await FiledAsync(competition);
        using var _ = session;

        var amend = await session.ClickAsync(await session.GetAsync($"/mes-demandes/{number}"), "Modifier ma candidature");
        var centres = await session.ClickAsync(amend, "Changer de centre");
        var changed = await session.SubmitAsync(centres, "Changer de centre", [("centre", Id(competition, "Koudougou"))]);
        Assert.Equal($"/candidatures/{id}/modifier", changed.Url);
        Assert.Contains("Koudougou", changed.Text, StringComparison.Ordinal);
        Assert.Equal(1, await host.ScalarAsync("SELECT taken FROM exam_centres WHERE id = @id", ("id", CompetitionSeed.CentreId(competition, "Koudougou"))));
        Assert.Equal(0, await host.ScalarAsync("SELECT taken FROM exam_centres WHERE id = @id", ("id", CompetitionSeed.CentreId(competition, "Ouagadougou"))));

        var identity = await session.GetAsync($"/candidatures/{id}/modifier/etapes/2");
        var refused = await session.SubmitAsync(identity, "Enregistrer les modifications", [("date_naissance", "1970-01-01"), ("nom_declare", "Kaboré")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.StartsWith("Vous aurez 57 ans", refused.ErrorFor("date_naissance"), StringComparison.Ordinal);
        Assert.Equal("Kaboré", refused.ValueOf("nom_declare"));
        Assert.Equal("Ouédraogo", await host.ScalarAsync("SELECT answers->>'nom_declare' FROM requests WHERE id = @id", ("id", id)));

        var saved = await session.SubmitAsync(refused, "Enregistrer les modifications", [("date_naissance", "1999-01-01")]);
        Assert.Equal($"/candidatures/{id}/modifier", saved.Url);
        Assert.Contains("Awa Éléonore Kaboré", saved.Text, StringComparison.Ordinal);
        var timeline = (await session.GetAsync($"/mes-demandes/{number}")).Text;
        Assert.Contains("Centre de composition changé : Koudougou", timeline, StringComparison.Ordinal);
        Assert.Contains("Candidature modifiée : « Votre identité »", timeline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_changes_once_the_competition_is_closed_to_the_second()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0);
        var (session, number, id) = await FiledAsync(competition);
        using var _ = session;
        await host.ScalarAsync("UPDATE competitions SET closes_at = @at WHERE id = @id", ("at", host.Clock().GetUtcNow().AddSeconds(30)), ("id", competition.Id));
        var centres = await session.GetAsync($"/candidatures/{id}/modifier/centre");

        host.Clock().Advance(TimeSpan.FromSeconds(30));
        try
        {
            var refused = await session.SubmitAsync(centres, "Changer de centre", [("centre", Id(competition, "Koudougou"))]);
            Assert.Equal(HttpStatusCode.Conflict, refused.Status);
            Assert.Contains("Les inscriptions à ce concours sont closes depuis le", refused.Text, StringComparison.Ordinal);
            Assert.Equal(0, await host.ScalarAsync("SELECT taken FROM exam_centres WHERE id = @id", ("id", CompetitionSeed.CentreId(competition, "Koudougou"))));
            Assert.Equal(HttpStatusCode.Conflict, (await Forge.PostPageAsync(session, $"/candidatures/{id}/modifier/etapes/2", CompetitionSeed.Identity(CompetitionSeed.NewCnib()))).Status);
            Assert.DoesNotContain("Modifier ma candidature", (await session.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
        }
        finally
        {
            host.Clock().Advance(TimeSpan.FromSeconds(-30));
        }
    }
}
