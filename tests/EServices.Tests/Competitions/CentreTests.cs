using EServices.Tests.Payments;
using EServices.Web.Competitions;
using EServices.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static EServices.Tests.Competitions.CompetitionFixtureData;

namespace EServices.Tests.Competitions;

/// <summary>Issue 18: a centre's places, kept by PostgreSQL (a trigger counts, a check constraint refuses beyond capacity)
/// whichever node, page or job writes the candidacy: never over capacity under concurrency, a change of centre moves a place,
/// a deleted draft frees it.</summary>
[Collection(CompetitionCollection.Name)]
public sealed class CentreTests(CompetitionPortal portal)
{
    [Fact]
    public async Task Three_times_more_candidates_than_places_choosing_a_centre_at_once_on_two_nodes_fill_it_exactly()
    {
        const int capacity = 4;
        var competition = await CompetitionAsync(portal.A, 2, capacity, 100);
        var centre = competition.Centres[0].Id;
        var candidacies = new List<Guid>();
        for (var i = 0; i < 3 * capacity; i++)
        {
            candidacies.Add(await StartedAsync(portal.Node(i), competition.Id));
        }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var choices = candidacies.Select((id, i) => Task.Run(() => ChangeAsync(portal.Node(i), id, c => c.CentreId = centre, go.Task))).ToArray();
        go.SetResult();
        var outcomes = await Task.WhenAll(choices);

        Assert.Equal(capacity, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(CentreFull, o));
        Assert.Equal(((long)capacity, (long)capacity), await PlacesAsync(portal.A, centre));
        await AssertTakenIsChosenAsync(portal.A, competition.Id);

        // The refused ones choose the other centre; a full centre stays full for a late one.
        var refused = candidacies.Where((_, i) => outcomes[i] is not null).ToList();
        Assert.Null(await ChangeAsync(portal.B, refused[0], c => c.CentreId = competition.Centres[1].Id));
        Assert.Equal(CentreFull, await ChangeAsync(portal.A, refused[1], c => c.CentreId = centre));
        Assert.Equal((1L, 1L), await PlacesAsync(portal.A, competition.Centres[1].Id));
        await AssertTakenIsChosenAsync(portal.A, competition.Id);
    }

    [Fact]
    public async Task Candidates_swapping_centres_over_and_over_at_once_on_two_nodes_never_deadlock_nor_lose_a_place()
    {
        var competition = await CompetitionAsync(portal.A, 2, 50, 50);
        var (north, south) = (competition.Centres[0].Id, competition.Centres[1].Id);
        var candidacies = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var id = await StartedAsync(portal.Node(i), competition.Id);
            Assert.Null(await ChangeAsync(portal.Node(i), id, c => c.CentreId = i % 2 == 0 ? north : south));
            candidacies.Add(id);
        }

        // Half go north to south while the other half go south to north, eight times each: the trigger takes both centres in
        // one order, so that no two of them wait for each other (a deadlock is not replayed inside a page's transaction).
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var swaps = candidacies.Select((id, i) => Task.Run(async () =>
        {
            for (var round = 0; round < 8; round++)
            {
                Assert.Null(await ChangeAsync(portal.Node(i + round), id, c => c.CentreId = c.CentreId == north ? south : north, go.Task));
            }
        })).ToArray();
        go.SetResult();
        await Task.WhenAll(swaps);

        Assert.Equal((4L, 4L), await PlacesAsync(portal.A, north));
        Assert.Equal((4L, 4L), await PlacesAsync(portal.A, south));
        await AssertTakenIsChosenAsync(portal.A, competition.Id);
    }

    [Fact]
    public async Task Changing_centre_moves_a_place_giving_it_up_or_deleting_the_draft_frees_it()
    {
        var competition = await CompetitionAsync(portal.A, 2, 2, 2);
        var (first, second) = (competition.Centres[0].Id, competition.Centres[1].Id);
        var mine = await StartedAsync(portal.A, competition.Id);
        var other = await StartedAsync(portal.B, competition.Id);

        Assert.Null(await ChangeAsync(portal.A, mine, c => c.CentreId = first));
        Assert.Null(await ChangeAsync(portal.B, other, c => c.CentreId = first));
        Assert.Equal((2L, 2L), await PlacesAsync(portal.A, first));

        Assert.Null(await ChangeAsync(portal.B, mine, c => c.CentreId = second));
        Assert.Equal((1L, 1L), await PlacesAsync(portal.A, first));
        Assert.Equal((1L, 1L), await PlacesAsync(portal.A, second));

        // Saving again without a change of centre (another answer changed) takes nothing more.
        Assert.Null(await ChangeAsync(portal.A, mine, c => c.Cnib = "B24681357"));
        Assert.Equal((1L, 1L), await PlacesAsync(portal.A, second));

        // A centre that does not exist is no « complet »: the database refuses it, Conflict does not word it for the candidate.
        var unknown = await Assert.ThrowsAsync<DbUpdateException>(() => ChangeAsync(portal.A, other, c => c.CentreId = int.MaxValue));
        Assert.Null(Candidacies.Conflict(unknown));
        Assert.Equal((1L, 1L), await PlacesAsync(portal.A, first));

        Assert.Null(await ChangeAsync(portal.A, other, c => c.CentreId = null));
        Assert.Equal((0L, 0L), await PlacesAsync(portal.A, first));

        await DeleteDraftAsync(portal.B, mine);
        Assert.Equal((0L, 0L), await PlacesAsync(portal.A, second));
        Assert.Equal(1, await CountAsync(portal.A, "SELECT count(*) FROM candidacies WHERE competition_id = @c", ("c", competition.Id)));
        await AssertTakenIsChosenAsync(portal.A, competition.Id);
    }

    [Fact]
    public async Task Deleting_drafts_of_a_full_centre_at_once_frees_every_place_and_lets_others_in()
    {
        var competition = await CompetitionAsync(portal.A, 2, 3);
        var centre = competition.Centres[0].Id;
        var holders = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            holders.Add(await StartedAsync(portal.Node(i), competition.Id));
            Assert.Null(await ChangeAsync(portal.Node(i), holders[i], c => c.CentreId = centre));
        }

        var late = await StartedAsync(portal.B, competition.Id);
        Assert.Equal(CentreFull, await ChangeAsync(portal.B, late, c => c.CentreId = centre));

        await Task.WhenAll(holders.Select((id, i) => Task.Run(() => DeleteDraftAsync(portal.Node(i), id))));

        Assert.Equal((0L, 0L), await PlacesAsync(portal.A, centre));
        Assert.Null(await ChangeAsync(portal.A, late, c => c.CentreId = centre));
        Assert.Equal((1L, 1L), await PlacesAsync(portal.A, centre));
        await AssertTakenIsChosenAsync(portal.A, competition.Id);
    }

    [Fact]
    public async Task The_unpaid_draft_expiry_frees_the_centres_place()
    {
        var competition = await CompetitionAsync(portal.A, 2, 1);
        var centre = competition.Centres[0].Id;
        var unpaid = await StartedAsync(portal.A, competition.Id);
        Assert.Null(await ChangeAsync(portal.A, unpaid, c => c.CentreId = centre));
        using (var scope = portal.B.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var draft = await db.Requests.SingleAsync(r => r.Id == unpaid);
            draft.AwaitPayment(competition.FeeXof, $"T{Guid.NewGuid():N}"[..12].ToUpperInvariant(), portal.B.Clock().GetUtcNow());
            await db.SaveChangesAsync();
        }

        portal.A.Clock().Advance(TimeSpan.FromDays(8)); // past Payments:UnpaidDraftDays (7)
        try
        {
            Assert.True(await portal.B.ExpireUnpaidDraftsAsync() >= 1);
        }
        finally
        {
            portal.A.Clock().Advance(TimeSpan.FromDays(-8));
        }

        Assert.Equal(0, await CountAsync(portal.A, "SELECT count(*) FROM candidacies WHERE request_id = @id", ("id", unpaid)));
        Assert.Equal((0L, 0L), await PlacesAsync(portal.A, centre));
        Assert.Null(await ChangeAsync(portal.B, await StartedAsync(portal.B, competition.Id), c => c.CentreId = centre));
    }

    [Fact]
    public async Task A_centre_edited_with_more_capacity_keeps_its_places_taken_and_the_database_refuses_a_capacity_below_them()
    {
        var competition = await CompetitionAsync(portal.A, 2, 2);
        var centre = competition.Centres[0].Id;
        for (var i = 0; i < 2; i++)
        {
            Assert.Null(await ChangeAsync(portal.Node(i), await StartedAsync(portal.Node(i), competition.Id), c => c.CentreId = centre));
        }

        Assert.Equal(0, (await CentreAsync(centre)).PlacesLeft);
        await EditCentreAsync(centre, c => c.Capacity = 5); // as AGRE's page saves it: a tracked entity, only what changed
        var edited = await CentreAsync(centre);
        Assert.Equal((5, 2, 3), (edited.Capacity, edited.Taken, edited.PlacesLeft));
        Assert.Equal((2L, 2L), await PlacesAsync(portal.A, centre));
        Assert.Null(await ChangeAsync(portal.B, await StartedAsync(portal.B, competition.Id), c => c.CentreId = centre));
        Assert.Equal(2, (await CentreAsync(centre)).PlacesLeft);

        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => EditCentreAsync(centre, c => c.Capacity = 2));
        Assert.Equal("ck_exam_centres_taken", Assert.IsType<PostgresException>(refused.InnerException).ConstraintName);
        var kept = await CentreAsync(centre);
        Assert.Equal((5, 3, 2), (kept.Capacity, kept.Taken, kept.PlacesLeft));
        await EditCentreAsync(centre, c => c.Capacity = 3); // down to exactly the places taken: full, not over
        Assert.Equal(0, (await CentreAsync(centre)).PlacesLeft);
        await AssertTakenIsChosenAsync(portal.A, competition.Id);
    }

    private async Task<ExamCentre> CentreAsync(int id)
    {
        using var scope = portal.A.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().ExamCentres.AsNoTracking().SingleAsync(c => c.Id == id);
    }

    private async Task EditCentreAsync(int id, Action<ExamCentre> edit)
    {
        using var scope = portal.B.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        edit(await db.ExamCentres.SingleAsync(c => c.Id == id));
        await db.SaveChangesAsync();
    }
}
