using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Infrastructure.Audit;

namespace EServices.Tests.Features.Admin;

/// <summary>Tampering, on a database of its own (a host of its own) so that no other test ever sees a broken chain;
/// each test still puts the row back exactly and checks the chain is whole again.</summary>
public sealed class AuditChainTamperTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_row_edited_in_the_database_is_named_by_the_verifier_the_page_and_the_command()
    {
        using var admin = await ActionsAsync();
        var (eventId, eventNo) = await SealedRowAsync(AuditChain.RequestEvents);

        await AuditChainDatabase.ExecuteAsync(host, "UPDATE request_events SET comment = comment || ' (modifié)' WHERE id = @p", eventId);
        try
        {
            var result = await AuditChainDatabase.VerifyAsync(host);
            Assert.Equal(new ChainBreak(eventNo, AuditChain.RequestEvents, eventId, ChainProblem.ContentChanged), result.Break);
            Assert.Equal(eventNo - 1, result.Verified);
            var expected = $"Ligne n° {eventNo} modifiée ou supprimée : le contenu de l'événement de demande n° {eventId} ne correspond plus à son sceau.";
            Assert.Equal(expected, result.Summary);

            var page = await admin.GetAsync("/admin/journal/verification");
            Assert.Equal(expected, page.Html.GetElementById("resultat")!.TextContent.Trim());
            Assert.Contains("La chaîne du journal est rompue", page.Text, StringComparison.Ordinal);

            using var output = new StringWriter();
            Assert.Equal(1, await VerifyAuditCommand.RunAsync(host.Services, output, CancellationToken.None));
            Assert.StartsWith(expected, output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await AuditChainDatabase.ExecuteAsync(host, "UPDATE request_events SET comment = left(comment, length(comment) - length(' (modifié)')) WHERE id = @p", eventId);
        }

        // An administration entry whose author is swapped is named too.
        var (entryId, entryNo) = await SealedRowAsync(AuditChain.AuditEntries);
        var author = await AuditChainDatabase.ScalarAsync<string>(host, "SELECT actor_id FROM audit_entries WHERE id = @p", entryId);
        await AuditChainDatabase.ExecuteAsync(host, "UPDATE audit_entries SET actor_id = NULL WHERE id = @p", entryId);
        try
        {
            Assert.Equal(new ChainBreak(entryNo, AuditChain.AuditEntries, entryId, ChainProblem.ContentChanged), (await AuditChainDatabase.VerifyAsync(host)).Break);
        }
        finally
        {
            await AuditChainDatabase.ExecuteAsync(host, $"UPDATE audit_entries SET actor_id = '{author}' WHERE id = @p", entryId);
        }

        Assert.True((await AuditChainDatabase.VerifyAsync(host)).Intact);
    }

    [Fact]
    public async Task A_deleted_row_in_the_middle_or_at_the_end_of_the_chain_is_detected()
    {
        using var admin = await ActionsAsync();
        var (eventId, eventNo) = await SealedRowAsync(AuditChain.RequestEvents);
        var saved = await AuditChainDatabase.ScalarAsync<string>(host, "SELECT row_to_json(e)::text FROM request_events e WHERE id = @p", eventId);
        await AuditChainDatabase.ExecuteAsync(host, "DELETE FROM request_events WHERE id = @p", eventId);
        try
        {
            var result = await AuditChainDatabase.VerifyAsync(host);
            Assert.Equal(new ChainBreak(eventNo, null, null, ChainProblem.Missing), result.Break);
            Assert.Equal($"Ligne n° {eventNo} modifiée ou supprimée : elle manque dans la chaîne.", result.Summary);
            var page = await admin.GetAsync("/admin/journal/verification");
            Assert.Equal(result.Summary, page.Html.GetElementById("resultat")!.TextContent.Trim());
        }
        finally
        {
            await AuditChainDatabase.ExecuteAsync(host, "INSERT INTO request_events SELECT * FROM json_populate_record(NULL::request_events, @p::json)", saved);
        }

        Assert.True((await AuditChainDatabase.VerifyAsync(host)).Intact);

        // The last sealed row: nothing follows it, but the chain's head remembers it.
        var last = await AuditChainDatabase.ScalarAsync<long>(host, "SELECT last_no FROM audit_chain_heads");
        var table = await AuditChainDatabase.ScalarAsync<string>(host,
            "SELECT CASE WHEN EXISTS (SELECT 1 FROM audit_entries WHERE chain_no = @p) THEN 'audit_entries' ELSE 'request_events' END", last);
        var lastRow = await AuditChainDatabase.ScalarAsync<string>(host, $"SELECT row_to_json(t)::text FROM {table} t WHERE chain_no = @p", last);
        await AuditChainDatabase.ExecuteAsync(host, $"DELETE FROM {table} WHERE chain_no = @p", last);
        try
        {
            Assert.Equal(new ChainBreak(last, null, null, ChainProblem.Missing), (await AuditChainDatabase.VerifyAsync(host)).Break);
        }
        finally
        {
            await AuditChainDatabase.ExecuteAsync(host, $"INSERT INTO {table} SELECT * FROM json_populate_record(NULL::{table}, @p::json)", lastRow);
        }

        Assert.True((await AuditChainDatabase.VerifyAsync(host)).Intact);
    }

    /// <summary>A few actions (sign-ins, an edit, a request filed and taken), sealed; returns the administrator's session.</summary>
    private async Task<WebSession> ActionsAsync()
    {
        var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var service = await TestCatalogue.CreateServiceAsync(host);
        await admin.SubmitAsync(await admin.GetAsync($"/admin/services/{service.Id}"), "Enregistrer", [("SignatoryName", "Mariam Sawadogo")]);
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        await AuditChainDatabase.SealAsync(host);
        Assert.True((await AuditChainDatabase.VerifyAsync(host)).Intact);
        return admin;
    }

    /// <summary>A sealed row of <paramref name="table"/> that is not the chain's last: its id and its number in the chain.</summary>
    private async Task<(long Id, long ChainNo)> SealedRowAsync(string table)
    {
        var last = await AuditChainDatabase.ScalarAsync<long>(host, "SELECT last_no FROM audit_chain_heads");
        var chainNo = await AuditChainDatabase.ScalarAsync<long>(host, $"SELECT max(chain_no) FROM {table} WHERE chain_no < @p", last);
        return (await AuditChainDatabase.ScalarAsync<long>(host, $"SELECT id FROM {table} WHERE chain_no = @p", chainNo), chainNo);
    }
}
