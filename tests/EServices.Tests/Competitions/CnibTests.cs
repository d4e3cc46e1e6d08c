using static EServices.Tests.Competitions.CompetitionFixtureData;

namespace EServices.Tests.Competitions;

/// <summary>Issue 18: one application per CNIB number per competition, kept by PostgreSQL whichever node and account saves
/// it: two accounts typing the same number at the same instant on two nodes, one wins and the other reads why.</summary>
[Collection(CompetitionCollection.Name)]
public sealed class CnibTests(CompetitionPortal portal)
{
    [Fact]
    public async Task Two_accounts_saving_the_same_CNIB_at_once_on_two_nodes_one_wins_every_round_and_the_other_is_told_in_French()
    {
        var competition = await CompetitionAsync(portal.A, 2, 100);
        Guid[] candidacies = [await StartedAsync(portal.A, competition.Id), await StartedAsync(portal.B, competition.Id)];

        for (var round = 0; round < 25; round++)
        {
            var cnib = $"B{round:D8}";
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var saves = candidacies.Select((id, i) => Task.Run(() => ChangeAsync(portal.Node(i), id, c => c.Cnib = cnib, go.Task))).ToArray();
            go.SetResult();
            var outcomes = await Task.WhenAll(saves);

            Assert.Single(outcomes, o => o is null);
            Assert.Single(outcomes, o => o == CnibTaken);
            Assert.Equal(1, await CountAsync(portal.A, "SELECT count(*) FROM candidacies WHERE competition_id = @c AND cnib = @n", ("c", competition.Id), ("n", cnib)));
        }
    }

    [Theory]
    [InlineData("B12345678")]
    [InlineData("b12345678")]
    [InlineData("B 1234 5678")]
    [InlineData("b 12 34 56 78")]
    public void Every_way_of_typing_one_CNIB_number_is_kept_as_one_key_of_the_unique_index(string typed) =>
        Assert.Equal("B12345678", FieldKinds.Of(FieldType.Cnib).Normalise(typed));

    [Fact]
    public async Task Many_accounts_racing_for_one_CNIB_leave_exactly_one_candidacy_with_it()
    {
        var competition = await CompetitionAsync(portal.A, 2, 100);
        var candidacies = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            candidacies.Add(await StartedAsync(portal.Node(i), competition.Id));
        }

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var saves = candidacies.Select((id, i) => Task.Run(() => ChangeAsync(portal.Node(i), id, c => c.Cnib = "B87654321", go.Task))).ToArray();
        go.SetResult();
        var outcomes = await Task.WhenAll(saves);

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(CnibTaken, o));
        Assert.Equal(1, await CountAsync(portal.A, "SELECT count(*) FROM candidacies WHERE cnib = 'B87654321' AND competition_id = @c", ("c", competition.Id)));
    }

    [Fact]
    public async Task The_same_CNIB_is_accepted_in_another_competition_and_again_once_the_first_draft_is_deleted()
    {
        var first = await CompetitionAsync(portal.A, 2, 100);
        var second = await CompetitionAsync(portal.A, 2, 100);
        var mine = await StartedAsync(portal.A, first.Id);
        var other = await StartedAsync(portal.B, first.Id);
        var elsewhere = await StartedAsync(portal.B, second.Id);

        Assert.Null(await ChangeAsync(portal.A, mine, c => c.Cnib = "B11223344"));
        Assert.Null(await ChangeAsync(portal.B, elsewhere, c => c.Cnib = "B11223344"));
        Assert.Equal(CnibTaken, await ChangeAsync(portal.B, other, c => c.Cnib = "B11223344"));

        // Saving one's own number again, or changing it, is no conflict; a number given up is free again.
        Assert.Null(await ChangeAsync(portal.A, mine, c => c.Cnib = "B11223344"));
        Assert.Null(await ChangeAsync(portal.A, mine, c => c.Cnib = "B55667788"));
        Assert.Null(await ChangeAsync(portal.B, other, c => c.Cnib = "B11223344"));
        Assert.Equal(CnibTaken, await ChangeAsync(portal.A, mine, c => c.Cnib = "B11223344"));
        await DeleteDraftAsync(portal.B, other);
        Assert.Null(await ChangeAsync(portal.A, mine, c => c.Cnib = "B11223344"));
    }

    [Fact]
    public async Task Candidacies_without_a_CNIB_yet_are_not_in_each_others_way()
    {
        var competition = await CompetitionAsync(portal.A, 2, 100);
        var one = await StartedAsync(portal.A, competition.Id);
        var two = await StartedAsync(portal.B, competition.Id);

        Assert.Null(await ChangeAsync(portal.A, one, c => c.Cnib = null));
        Assert.Null(await ChangeAsync(portal.B, two, c => c.Cnib = null));
        Assert.Equal(2, await CountAsync(portal.A, "SELECT count(*) FROM candidacies WHERE competition_id = @c AND cnib IS NULL", ("c", competition.Id)));
    }
}
