using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace EServices.Tests.Security;

/// <summary>ASVS V4.2.2 / V13.2.1 (issue 14, point 8): GET changes nothing. Every GET route of the application, opened by
/// every kind of user with real route values, leaves every table of the database as it was (a link from another site
/// must not be able to create a key, end sessions or write anything). On a host of its own: no other test writes meanwhile.</summary>
public sealed class SafeMethodsTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Tables left out of the comparison, each with the reason. Everything else counts: users (security stamps,
    /// authenticator keys and last steps, lockout counters), their tokens, requests, events, documents, e-mails, the audit.</summary>
    private static readonly Dictionary<string, string> Excluded = new()
    {
        // ASP.NET data protection's key ring: created on the first Protect call (any antiforgery token) and renewed by age,
        // whatever the request; it holds no user's state and no business data.
        ["data_protection_keys"] = "data-protection key ring",
        ["__EFMigrationsHistory"] = "written by migrations at start-up only",
    };

    [Fact]
    public async Task No_GET_route_changes_the_database_for_any_kind_of_user()
    {
        var gets = AppEndpoints.All(host).Where(e => e.Method == HttpMethods.Get).ToList();
        Assert.True(gets.Count > 40, $"Only {gets.Count} GET routes found.");

        using var world = await AccessWorld.CreateAsync(host);
        // A member of staff who has typed their password but not enrolled an authenticator app yet (sent to enrol it).
        using var newcomer = host.NewSession();
        var unenrolled = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP", "Mariam", "Sawadogo", withAuthenticator: false);
        var enrol = await newcomer.SubmitAsync(await newcomer.GetAsync("/compte/connexion"), "Se connecter", [("Email", unenrolled.Email), ("Password", unenrolled.Password)]);
        Assert.Equal("/compte/double-authentification", enrol.Url);

        var sessions = world.Sessions.Select(s => (Who: s.Key.ToString(), Session: s.Value)).Append(("staff before enrolment", newcomer)).ToList();
        var changes = new List<string>();
        foreach (var (who, session) in sessions)
        {
            var before = await SettledSnapshotAsync();
            foreach (var endpoint in gets)
            {
                using var response = await session.Client.GetAsync(endpoint.Url(world));
                await response.Content.ReadAsByteArrayAsync();
            }

            var after = await SettledSnapshotAsync();
            changes.AddRange(before.Where(t => after[t.Key] != t.Value).Select(t => $"as {who}: table {t.Key} changed"));
            changes.AddRange(after.Keys.Except(before.Keys).Select(t => $"as {who}: table {t} appeared"));
        }

        Assert.True(changes.Count == 0, string.Join('\n', changes));
    }

    /// <summary>The database once the background jobs (e-mail dispatch, audit sealing) have nothing left to do: two snapshots
    /// further apart than the sealer's interval (Audit:SealInterval, 2 s) agree, so rows still waiting for their seal show.</summary>
    private async Task<Dictionary<string, string>> SettledSnapshotAsync()
    {
        var last = await SnapshotAsync();
        for (var attempt = 0; attempt < 24; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2.5));
            var next = await SnapshotAsync();
            if (next.Count == last.Count && next.All(t => last.TryGetValue(t.Key, out var v) && v == t.Value))
            {
                return next;
            }

            last = next;
        }

        throw new InvalidOperationException("The database never settled: a background job keeps writing.");
    }

    /// <summary>Each table's row count and a hash of all its rows (as text, sorted).</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var snapshot = new Dictionary<string, string>();
        foreach (var table in tables.Where(t => !Excluded.ContainsKey(t)))
        {
            var quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var hash = new NpgsqlCommand($"SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM public.{quoted} t", connection);
            snapshot[table] = (string)(await hash.ExecuteScalarAsync())!;
        }

        Assert.Contains("AspNetUsers", snapshot.Keys);
        Assert.Contains("AspNetUserTokens", snapshot.Keys);
        return snapshot;
    }
}
