using System.Text.Json.Nodes;
using EServices.Tests.Payments;
using EServices.Web.Competitions;
using EServices.Web.Data;
using EServices.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static EServices.Tests.Competitions.CompetitionFixtureData;
using CompetitionsMigration = EServices.Web.Data.Migrations.Competitions;

namespace EServices.Tests.Competitions;

/// <summary>Issue 18: <see cref="Candidacies.StartAsync"/> against the real database, whichever page calls it: one draft per
/// candidate and competition, of the registration form the competitions write into, the window by the server's clock, the
/// session's maximum under concurrency.</summary>
[Collection(CompetitionCollection.Name)]
public sealed class StartTests(CompetitionPortal portal)
{
    [Fact]
    public async Task An_unknown_competition_is_refused_in_French()
    {
        var applicant = await ApplicantAsync(portal.A);

        Assert.Equal(new Candidacies.Start(null, "Ce concours n'existe pas."), await StartAsync(portal.A, int.MaxValue, applicant));
    }

    [Fact]
    public async Task The_published_registration_form_takes_the_competition_and_centre_as_text_and_asks_the_nationality()
    {
        using var scope = portal.A.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var procedure = await db.Procedures.Include(p => p.PublishedFormVersion).SingleAsync(p => p.Slug == ProcedureSlug);
        var form = procedure.PublishedFormVersion!.Parse();

        Assert.True(procedure.IsOnline);
        Assert.Equal(["Le concours", "Votre identité", "Votre diplôme", "Pièces justificatives"], form.Steps.Select(s => s.Title));
        Assert.Equal(["info_frais", "concours", "centre_composition"], form.Steps[0].Fields.Select(f => f.Key));
        Assert.Equal(FieldType.Text, form.Find("concours")!.Type);
        Assert.Equal(FieldType.Text, form.Find("centre_composition")!.Type);
        var nationality = form.Find("nationalite")!;
        Assert.Equal((FieldType.Choice, true), (nationality.Type, nationality.Required));
        Assert.Equal([Competition.Burkinabe, "autre"], nationality.Options!.Select(o => o.Value));
        Assert.Equal(FieldType.Date, form.Find("date_naissance")!.Type);
        Assert.Equal(FieldType.Cnib, form.Find("numero_cnib")!.Type);

        // Every value of the diploma choice is one the eligibility knows (a level, or « autre » left to AGRE).
        var diplomas = form.Find("diplome")!.Options!.Select(o => o.Value).ToList();
        Assert.Equal(["cepe", "bepc", "cap-bep", "baccalaureat", "bts-dut", "licence", "master", "doctorat", "autre"], diplomas);
        Assert.Equal(DiplomaLevels.All, diplomas.Select(DiplomaLevels.FromAnswer).OfType<DiplomaLevel>().Distinct());

        // Every document a competition may require is a file field of the form.
        Assert.All(CompetitionDocuments.All, d => Assert.Equal((FieldType.File, d.Value), (form.Find(d.Key)!.Type, form.Find(d.Key)!.Label)));
    }

    [Fact]
    public async Task A_database_seeded_with_the_former_form_gets_the_seeds_form_as_a_new_published_version_once()
    {
        var upgrade = new CompetitionsMigration { ActiveProvider = "Npgsql.EntityFrameworkCore.PostgreSQL" }.UpOperations
            .OfType<SqlOperation>().Single(o => o.Sql.Contains("form_versions", StringComparison.Ordinal)).Sql;
        var seeded = CatalogueSeed.Load().Procedures.Single(p => p.Slug == ProcedureSlug).Form!;
        var former = JsonNode.Parse(seeded.ToJson())!;
        former["steps"]![0]!["fields"]![1]!["type"] = "choice"; // the competition was a choice in the form of before

        await using var connection = new NpgsqlConnection(portal.A.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync(); // rolled back: the other tests keep the seed's form
        async Task<object?> RunAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("slug", ProcedureSlug);
            command.Parameters.Add(new NpgsqlParameter("former", NpgsqlTypes.NpgsqlDbType.Jsonb) { Value = former.ToJsonString() });
            return await command.ExecuteScalarAsync();
        }

        const string Published = "SELECT f.number || ' ' || f.definition::text FROM procedures p JOIN form_versions f ON f.id = p.published_form_version_id WHERE p.slug = @slug";
        await RunAsync("""
            WITH v AS (INSERT INTO form_versions (procedure_id, number, definition, published_at)
                       SELECT id, 1 + (SELECT max(number) FROM form_versions WHERE procedure_id = p.id), @former, now() FROM procedures p WHERE slug = @slug
                       RETURNING id, procedure_id)
            UPDATE procedures SET published_form_version_id = v.id FROM v WHERE procedures.id = v.procedure_id
            """);
        var before = int.Parse(((string)(await RunAsync(Published))!).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        await RunAsync(upgrade);
        var after = ((string)(await RunAsync(Published))!).Split(' ', 2);
        await RunAsync(upgrade); // once: the new version is not the former form any more
        var again = ((string)(await RunAsync(Published))!).Split(' ', 2);

        Assert.Equal((before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), after[0]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(seeded.ToJson()), JsonNode.Parse(FormDefinition.FromJson(after[1]).ToJson())), after[1]);
        Assert.Equal(after, again);
    }

    [Fact]
    public async Task Starting_creates_a_draft_of_the_registration_naming_the_competition_and_a_second_start_gives_it_back()
    {
        var competition = await CompetitionAsync(portal.A, 2, 100);
        var applicant = await ApplicantAsync(portal.A);

        var first = await StartAsync(portal.A, competition.Id, applicant);
        var again = await StartAsync(portal.B, competition.Id, applicant);

        Assert.Null(first.Refusal);
        Assert.Equal(first, again);
        using var scope = portal.A.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var draft = await db.Requests.Include(r => r.Procedure).SingleAsync(r => r.Id == first.RequestId);
        Assert.Equal((ProcedureSlug, RequestStatus.Draft, applicant, null), (draft.Procedure.Slug, draft.Status, draft.ApplicantId, draft.Number));
        Assert.Equal(draft.Procedure.PublishedFormVersionId, draft.FormVersionId);
        Assert.Equal(competition.Title, draft.ReadAnswers().Get("concours"));
        var candidacy = await db.Candidacies.SingleAsync(c => c.RequestId == draft.Id);
        Assert.Equal((competition.Id, applicant, null, null), (candidacy.CompetitionId, candidacy.ApplicantId, candidacy.Cnib, candidacy.CentreId));
        Assert.Equal(1, await db.Candidacies.CountAsync(c => c.ApplicantId == applicant));
    }

    [Fact]
    public async Task Two_tabs_starting_the_same_competition_at_once_on_two_nodes_share_one_draft()
    {
        var competition = await CompetitionAsync(portal.A, 2, 100);
        var applicant = await ApplicantAsync(portal.A);

        var starts = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => StartAsync(portal.Node(i), competition.Id, applicant))));

        Assert.All(starts, s => Assert.Null(s.Refusal));
        Assert.Single(starts.Select(s => s.RequestId).Distinct());
        Assert.Equal(1, await CountAsync(portal.A, "SELECT count(*) FROM candidacies WHERE applicant_id = @a", ("a", applicant)));
        Assert.Equal(1, await CountAsync(portal.A, "SELECT count(*) FROM requests WHERE applicant_id = @a", ("a", applicant)));
    }

    [Fact]
    public async Task The_portals_clock_refuses_before_the_opening_and_after_the_closing_even_the_candidate_who_started()
    {
        var competition = await CompetitionAsync(portal.A, 2, 100);
        var now = portal.A.Clock().GetUtcNow();
        var (opens, closes) = (now.AddHours(1), now.AddHours(2));
        await WindowAsync(portal.A, competition.Id, opens, closes);
        var applicant = await ApplicantAsync(portal.A);

        Assert.Equal(new Candidacies.Start(null, $"Les inscriptions à ce concours ouvrent le {OuagadougouTime.Format(opens)}."),
            await StartAsync(portal.A, competition.Id, applicant));
        portal.A.Clock().Advance(TimeSpan.FromHours(1)); // both nodes share the clock: now just past the opening
        try
        {
            var started = await StartAsync(portal.B, competition.Id, applicant);
            Assert.NotNull(started.RequestId);
            portal.A.Clock().Advance(TimeSpan.FromHours(1)); // now just past the closing
            var closed = new Candidacies.Start(null, $"Les inscriptions à ce concours sont closes depuis le {OuagadougouTime.Format(closes)}.");
            Assert.Equal(closed, await StartAsync(portal.A, competition.Id, applicant));
            Assert.Equal(closed, await StartAsync(portal.B, competition.Id, await ApplicantAsync(portal.B)));
        }
        finally
        {
            portal.A.Clock().Advance(TimeSpan.FromHours(-2));
        }

        Assert.Equal(1, await CountAsync(portal.A, "SELECT count(*) FROM candidacies WHERE competition_id = @c", ("c", competition.Id)));
    }

    [Theory]
    [InlineData(false, -1, false)] // a second before the opening
    [InlineData(false, 0, true)] // at the opening
    [InlineData(false, 1, true)]
    [InlineData(true, -1, true)] // a second before the closing
    [InlineData(true, 0, false)] // at the closing
    [InlineData(true, 1, false)]
    public async Task The_window_holds_to_the_second(bool closing, int seconds, bool started)
    {
        var competition = await CompetitionAsync(portal.A, 2, 100);
        var at = (closing ? competition.ClosesAt : competition.OpensAt).AddSeconds(seconds);
        var start = await StartAtAsync(competition.Id, at);

        Assert.Equal(started, start.RequestId is not null);
        Assert.Equal(started ? null : Candidacies.WindowRefusal(competition, at), start.Refusal);
    }

    [Fact]
    public async Task The_session_maximum_holds_when_a_candidate_starts_six_competitions_at_once_on_two_nodes()
    {
        var session = await SessionAsync(portal.A, maxPerSession: 2);
        var competitions = new List<Competition>();
        for (var i = 0; i < 6; i++)
        {
            competitions.Add(await CompetitionInAsync(portal.A, session.Id, 100));
        }

        var refusal = $"Vous avez déjà 2 candidatures dans la session « {session.Name} », le maximum permis. "
            + "Supprimez un brouillon dans « Mes demandes » pour postuler à ce concours.";
        for (var round = 0; round < 3; round++)
        {
            var applicant = await ApplicantAsync(portal.A);
            var starts = await Task.WhenAll(competitions.Select((c, i) => Task.Run(() => StartAsync(portal.Node(i), c.Id, applicant))));

            Assert.Equal(2, starts.Count(s => s.RequestId is not null));
            Assert.All(starts.Where(s => s.RequestId is null), s => Assert.Equal(refusal, s.Refusal));
            Assert.Equal(2, await CountAsync(portal.A, "SELECT count(*) FROM candidacies WHERE applicant_id = @a", ("a", applicant)));
            Assert.Equal(2, await CountAsync(portal.A, "SELECT count(*) FROM requests WHERE applicant_id = @a", ("a", applicant)));

            // Deleting a draft gives the place back, as the message says; another session does not count.
            await DeleteDraftAsync(portal.B, starts.First(s => s.RequestId is not null).RequestId!.Value);
            var refused = competitions.Where((_, i) => starts[i].RequestId is null).ToList();
            Assert.Null((await StartAsync(portal.A, refused[0].Id, applicant)).Refusal);
            Assert.Equal(refusal, (await StartAsync(portal.B, refused[1].Id, applicant)).Refusal);
            var elsewhere = await CompetitionAsync(portal.A, 1, 100);
            Assert.Null((await StartAsync(portal.B, elsewhere.Id, applicant)).Refusal);
        }
    }

    /// <summary>StartAsync on the real database at a chosen instant (a clock that stands still there).</summary>
    private async Task<Candidacies.Start> StartAtAsync(int competitionId, DateTimeOffset at)
    {
        var applicant = await ApplicantAsync(portal.A);
        using var scope = portal.A.Services.CreateScope();
        var candidacies = new Candidacies(scope.ServiceProvider.GetRequiredService<AppDbContext>(), new StandingClock(at));
        return await candidacies.StartAsync(competitionId, applicant, default);
    }

    private sealed class StandingClock(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
