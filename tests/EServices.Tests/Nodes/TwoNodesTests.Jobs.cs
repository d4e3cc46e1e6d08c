using System.Net;
using EServices.Tests.Features.Admin;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.PersonalData;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EServices.Tests.Nodes;

/// <summary>Background work that both nodes run: done once, whichever node does it.</summary>
public sealed partial class TwoNodesTests
{
    [Fact]
    public async Task With_both_nodes_sealing_at_once_the_audit_chain_stays_intact_and_seals_every_row_once()
    {
        using var stop = new CancellationTokenSource();
        var sealers = nodes.Both.Select(n => SealContinuouslyAsync(n, stop.Token)).ToList(); // besides each node's own job

        // Audit rows written on both nodes meanwhile: staff sign-ins (password on one node, code on the other), filings, moves.
        var (admin, adminSwitch) = nodes.NewSession(nodes.A);
        using var _ = admin;
        var adminUser = await TestStaff.CreateAsync(nodes.A, Roles.Admin, null, "Salif", "Compaoré");
        var codePage = await admin.SubmitAsync(await admin.GetAsync("/compte/connexion"), "Se connecter", [("Email", adminUser.Email), ("Password", adminUser.Password)]);
        adminSwitch.Node = nodes.B;
        var signedIn = await admin.SubmitAsync(codePage, "Valider", [("Code", Totp.Code(adminUser.AuthenticatorKey!, DateTimeOffset.UtcNow))]);
        Assert.StartsWith("/back-office", signedIn.Url, StringComparison.Ordinal);

        var numbers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            var (applicant, _) = nodes.NewSession(i % 2 == 0 ? nodes.A : nodes.B);
            using (applicant)
            {
                await TestUsers.SignUpAsync(applicant);
                return await AttestationJourney.FileAsync(applicant);
            }
        }));
        var (agent, agentSwitch) = nodes.NewSession(nodes.B);
        using (agent)
        {
            await TestStaff.SignInAsync(nodes.B, agent, Roles.Agent, "DGFP");
            foreach (var (number, i) in numbers.Select((n, i) => (n, i)))
            {
                agentSwitch.Node = nodes.Both[i % 2];
                var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
                Assert.Equal(HttpStatusCode.OK, taken.Status);
            }
        }

        await Task.Delay(TimeSpan.FromMilliseconds(500));
        await stop.CancelAsync();
        await Task.WhenAll(sealers);
        await Task.WhenAll(nodes.Both.Select(AuditChainDatabase.SealAsync)); // the last rows, both at once

        Assert.Equal(0L, (long)(await nodes.A.ScalarAsync(
            "SELECT (SELECT count(*) FROM audit_entries WHERE chain_no IS NULL) + (SELECT count(*) FROM request_events WHERE chain_no IS NULL)"))!);
        Assert.Equal(0L, (long)(await nodes.A.ScalarAsync("""
            SELECT count(*) - count(DISTINCT chain_no) FROM (SELECT chain_no FROM audit_entries UNION ALL SELECT chain_no FROM request_events) c
            """))!);

        // What the administrator reads, on either node.
        foreach (var each in nodes.Both)
        {
            adminSwitch.Node = each;
            var check = await admin.GetAsync("/admin/journal/verification");
            Assert.Equal(HttpStatusCode.OK, check.Status);
            Assert.Contains("chaîne intacte", check.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Ligne n°", check.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Both_nodes_running_the_retention_purge_at_once_erase_a_closed_request_once_and_journal_it_once()
    {
        var (applicant, _) = nodes.NewSession(nodes.A);
        using var applicantSession = applicant;
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        var (agent, _) = nodes.NewSession(nodes.B);
        using var agentSession = agent;
        await TestStaff.SignInAsync(nodes.B, agent, Roles.Agent, "DGFP");
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        var accepted = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Accepter la demande");
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        await nodes.A.ScalarAsync("UPDATE requests SET decided_at = decided_at - interval '11 years' WHERE number = @n RETURNING 1", ("n", number));

        // The request row is held while both nodes start their pass, so that both have chosen it before either erases it.
        int[] erased;
        await using (var holder = new NpgsqlConnection(nodes.A.ConnectionString))
        {
            await holder.OpenAsync();
            await using var hold = await holder.BeginTransactionAsync();
            await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM requests WHERE number = @n FOR UPDATE", holder, hold))
            {
                lockRow.Parameters.AddWithValue("n", number);
                await lockRow.ExecuteScalarAsync();
            }

            var passes = Task.WhenAll(nodes.Both.Select(async node =>
            {
                using var scope = node.Services.CreateScope();
                return await scope.ServiceProvider.GetRequiredService<Erasure>().PurgeClosedRequestsAsync(CancellationToken.None);
            }));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && (long)(await nodes.A.ScalarAsync(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"))! == 0)
            {
                await Task.Delay(50);
            }

            await Task.Delay(TimeSpan.FromSeconds(1)); // time for the other node to reach the row too, if it may
            await hold.RollbackAsync();
            erased = await passes;
        }

        Assert.Equal(1, erased.Sum());
        Assert.Equal("{}", await nodes.A.ScalarAsync("SELECT answers FROM requests WHERE number = @n", ("n", number)));
        Assert.Equal(1L, await nodes.A.ScalarAsync(
            "SELECT count(*) FROM audit_entries WHERE target_id = @n AND action LIKE 'Réponses, pièces et messages effacés%'", ("n", number)));
        var mine = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.Contains("Acceptée", mine.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("CHU Yalgado Ouédraogo", mine.Text, StringComparison.Ordinal);
    }

    private static async Task SealContinuouslyAsync(HostFixture node, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            await AuditChainDatabase.SealAsync(node);
            await Task.Delay(25, CancellationToken.None);
        }
    }
}
