using System.Text.Json.Nodes;
using EServices.Tests.Infrastructure;
using EServices.Web.Data.Migrations;
using EServices.Web.Data.Seed;
using EServices.Web.Forms;
using Npgsql;

namespace EServices.Tests.Data;

/// <summary>Issue 14, point 9: migration ReservedTemplateWords renames answer keys that were portal words in stored
/// forms, answers, attachments and corrections, and leaves a database filled before it as a fresh one would be.</summary>
[Collection(WebCollection.Name)]
public sealed class ReservedTemplateWordsMigrationTests(HostFixture host)
{
    /// <summary>The keys the seed had before the migration.</summary>
    private static string OldShape(string json) => json
        .Replace("\"nom_declare\"", "\"nom\"", StringComparison.Ordinal)
        .Replace("\"prenoms_declares\"", "\"prenoms\"", StringComparison.Ordinal)
        .Replace("\"motif_demande\"", "\"motif\"", StringComparison.Ordinal)
        .Replace("\"numero_acte\"", "\"numero\"", StringComparison.Ordinal)
        .Replace("\"date_acte\"", "\"date\"", StringComparison.Ordinal);

    private async Task<NpgsqlConnection> OpenWithFunctionsAsync()
    {
        var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(ReservedTemplateWords.RenameFunctions, connection);
        await create.ExecuteNonQueryAsync();
        return connection;
    }

    private static async Task<string> JsonAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
        }

        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Each_seeded_form_of_before_the_migration_becomes_the_seeded_form_of_now()
    {
        await using var connection = await OpenWithFunctionsAsync();
        foreach (var procedure in CatalogueSeed.Load().Procedures.Where(p => p.Form is not null))
        {
            var now = procedure.Form!.ToJson();
            var migrated = await JsonAsync(connection, "SELECT pg_temp.portal_word_definition($1)::text", OldShape(now));
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(now), JsonNode.Parse(migrated)), $"{procedure.Slug}: {migrated}");
        }
    }

    [Fact]
    public async Task Keys_are_renamed_in_definitions_conditions_blocks_and_answers_without_taking_a_key_already_used()
    {
        await using var connection = await OpenWithFunctionsAsync();
        var definition = """
            {"steps":[{"title":"Étape","fields":[
              {"key":"motif","type":"choice","label":"Motif","options":[{"value":"autre","label":"Autre"}]},
              {"key":"motif_demande","type":"text","label":"Déjà là"},
              {"key":"precision","type":"text","label":"Précisez","showWhen":{"field":"motif","equalTo":"autre"}},
              {"key":"statut","type":"text","label":"Statut"},
              {"key":"actes","type":"repeat","label":"Actes","fields":[{"key":"numero","type":"text","label":"N°"},{"key":"date","type":"date","label":"Date"}]}]}]}
            """;
        var answers = """{"motif":"autre","motif_demande":"x","precision":"p","statut":"marié","actes":[{"numero":"2010-045","date":"2010-03-12"},{"numero":"2012-7"}]}""";

        var newAnswers = JsonNode.Parse(await JsonAsync(connection, "SELECT pg_temp.portal_word_answers($1, $2)::text", answers, definition))!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"motif_reponse":"autre","motif_demande":"x","precision":"p","statut_reponse":"marié",
             "actes":[{"numero_acte":"2010-045","date_acte":"2010-03-12"},{"numero_acte":"2012-7"}]}
            """), newAnswers), newAnswers.ToJsonString());

        var form = FormDefinition.FromJson(await JsonAsync(connection, "SELECT pg_temp.portal_word_definition($1)::text", definition));
        Assert.Equal(["motif_reponse", "motif_demande", "precision", "statut_reponse", "actes"], form.Steps[0].Fields.Select(f => f.Key));
        Assert.Equal("motif_reponse", form.Find("precision")!.ShowWhen!.Field);
        Assert.Equal(["numero_acte", "date_acte"], form.Find("actes")!.Fields!.Select(f => f.Key));
        Assert.Empty(DefinitionCheck.Errors(form));
    }

    [Fact]
    public async Task A_draft_stored_before_the_migration_is_migrated_with_its_form_version()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step1 = await session.SubmitAsync(await session.GetAsync("/demarches/reconstitution-de-carriere"), "Commencer la démarche");
        var id = Guid.Parse(step1.Url.Split('/')[2]);

        // Everything happens in a transaction that is rolled back: the shared seeded version is only changed inside it.
        await using var connection = await OpenWithFunctionsAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        async Task<object?> RunAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            command.Parameters.AddWithValue("id", id);
            return await command.ExecuteScalarAsync();
        }

        await RunAsync("""
            UPDATE form_versions SET definition = replace(replace(replace(definition::text, '"numero_acte"', '"numero"'), '"date_acte"', '"date"'), '"nom_declare"', '"nom"')::jsonb
            WHERE id = (SELECT form_version_id FROM requests WHERE id = @id);
            UPDATE requests SET answers = '{"nom":"Kaboré","matricule":"212345A","actes":[{"nature":"nomination","numero":"2010-045","date":"2010-03-12"}]}',
                                correction_fields = ARRAY['nom', 'matricule']
            WHERE id = @id;
            """);
        await RunAsync(ReservedTemplateWords.RenameStoredData);

        Assert.Equal("""{"actes": [{"nature": "nomination", "date_acte": "2010-03-12", "numero_acte": "2010-045"}], "matricule": "212345A", "nom_declare": "Kaboré"}""",
            await RunAsync("SELECT answers::text FROM requests WHERE id = @id"));
        Assert.Equal("nom_declare,matricule", await RunAsync("SELECT array_to_string(correction_fields, ',') FROM requests WHERE id = @id"));
        var definition = FormDefinition.FromJson((string)(await RunAsync("SELECT definition::text FROM form_versions WHERE id = (SELECT form_version_id FROM requests WHERE id = @id)"))!);
        Assert.Equal(CatalogueSeed.Load().Procedures.Single(p => p.Slug == "reconstitution-de-carriere").Form!.ToJson(), definition.ToJson());
        await transaction.RollbackAsync();
    }
}
