using EServices.Tests.Infrastructure;
using EServices.Web.Features.PersonalData;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Competitions;

/// <summary>Past the retention period an application loses what identifies its candidate in the candidacy too.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CandidacyErasureTests(CandidacyHost host)
{
    [Fact]
    public async Task The_retention_purge_clears_the_candidacy_CNIB_name_and_birth_date_with_the_answers()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0);
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var review = await CompetitionSeed.ToReviewAsync(session, competition);
        var id = CompetitionSeed.ApplicationId(review);
        await session.SubmitAsync(review, "Déposer ma candidature", [("declaration", "oui")]);
        await host.ScalarAsync("UPDATE candidacies SET candidate_name = 'OUEDRAOGO Awa', name_key = 'OUEDRAOGO AWA', birth_date = '2000-01-15' WHERE request_id = @id", ("id", id));
        await host.ScalarAsync("UPDATE requests SET status = 'Accepted', decided_at = now() - interval '11 years' WHERE id = @id", ("id", id));

        using (var scope = host.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Erasure>().PurgeClosedRequestsAsync(CancellationToken.None) >= 1);
        }

        Assert.Equal("{}", await host.ScalarAsync("SELECT answers FROM requests WHERE id = @id", ("id", id)));
        Assert.Equal(true, await host.ScalarAsync(
            "SELECT cnib IS NULL AND candidate_name IS NULL AND name_key IS NULL AND birth_date IS NULL FROM candidacies WHERE request_id = @id", ("id", id)));
    }
}
