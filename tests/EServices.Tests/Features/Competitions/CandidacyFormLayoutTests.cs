using System.Globalization;
using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Competitions;

/// <summary>An administrator publishes another layout of the registration form (identity and diploma on one step, three
/// steps in all): the candidate's pages follow the form's steps, whatever their number, and never answer a 500.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CandidacyFormLayoutTests(CandidacyHost host)
{
    private const string Slug = "inscription-concours-direct";

    [Fact]
    public async Task With_identity_and_diploma_on_one_step_the_candidate_applies_files_and_amends_through_three_steps()
    {
        var published = await host.ScalarAsync("SELECT published_form_version_id FROM procedures WHERE slug = @slug", ("slug", Slug));
        var form = FormDefinition.FromJson((string)(await host.ScalarAsync("SELECT definition::text FROM form_versions WHERE id = @id", ("id", published!)))!);
        var merged = form with
        {
            Steps = [form.Steps[0], form.Steps[1] with { Title = "Identité et diplôme", Fields = [.. form.Steps[1].Fields, .. form.Steps[2].Fields] }, .. form.Steps.Skip(3)],
        };
        await host.ScalarAsync("""
            WITH v AS (INSERT INTO form_versions (procedure_id, number, definition, published_at)
                       SELECT id, 1 + (SELECT max(number) FROM form_versions WHERE procedure_id = p.id), @definition::jsonb, now() FROM procedures p WHERE slug = @slug
                       RETURNING id, procedure_id)
            UPDATE procedures SET published_form_version_id = v.id FROM v WHERE procedures.id = v.procedure_id
            """, ("slug", Slug), ("definition", merged.ToJson()));
        try
        {
            var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0);
            using var session = host.NewSession();
            await TestUsers.SignUpAsync(session);
            var first = await CompetitionSeed.StartAsync(session, competition);
            var id = CompetitionSeed.ApplicationId(first);
            Assert.Equal("Identité et diplôme", first.Html.QuerySelector("h1")!.TextContent);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/candidatures/{id}/etapes/4")).Status);

            var documents = await session.SubmitAsync(first, "Continuer", [.. CompetitionSeed.Identity(CompetitionSeed.NewCnib()), .. CompetitionSeed.Diploma()]);
            Assert.Equal($"/candidatures/{id}/etapes/3", documents.Url);
            var centres = await session.SubmitAsync(documents, "Continuer", files: CompetitionSeed.Documents());
            Assert.Equal($"/candidatures/{id}/centre", centres.Url);
            Assert.NotNull(centres.Html.QuerySelector($"a[href='/candidatures/{id}/etapes/3']"));
            var review = await session.SubmitAsync(centres, "Continuer", [("centre", CompetitionSeed.CentreId(competition, "Ouagadougou").ToString(CultureInfo.InvariantCulture))]);
            Assert.Equal($"/candidatures/{id}/recapitulatif", review.Url);
            var filed = await session.SubmitAsync(review, "Déposer ma candidature", [("declaration", "oui")]);
            Assert.StartsWith("/mes-demandes/", filed.Url, StringComparison.Ordinal);

            // After filing: the one step without documents reopens; the documents' step does not.
            var amend = await session.GetAsync($"/candidatures/{id}/modifier");
            Assert.Equal(HttpStatusCode.OK, amend.Status);
            Assert.NotNull(amend.Html.QuerySelector($"a[href='/candidatures/{id}/modifier/etapes/2']"));
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/candidatures/{id}/modifier/etapes/2")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/candidatures/{id}/modifier/etapes/3")).Status);
        }
        finally
        {
            await host.ScalarAsync("UPDATE procedures SET published_form_version_id = @id WHERE slug = @slug", ("id", published!), ("slug", Slug));
        }
    }
}
