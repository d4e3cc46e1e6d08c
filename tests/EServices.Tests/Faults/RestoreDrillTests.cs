using System.Diagnostics;
using System.Security.Cryptography;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Data;
using EServices.Web.Infrastructure.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EServices.Tests.Faults;

/// <summary>
/// The restore drill of docs/operations.md, with the repository's own scripts/backup.sh and scripts/restore.sh: requests
/// filed, backed up, more filed, the disk lost (cluster and files), then a restore to a moment between them.
/// </summary>
public sealed class RestoreDrillTests
{
    [Fact]
    public Task A_restore_to_a_moment_brings_back_the_requests_filed_before_it_their_files_and_an_intact_journal() => OutageHost.RunAsync(async (host, cluster) =>
    {
        var backups = Path.Combine("/var/tmp", $"eservices-backups-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string>
        {
            ["ESERVICES_PG_HOME"] = cluster.Home, ["ESERVICES_PG_PORT"] = $"{cluster.Port}", ["ESERVICES_BACKUP_DIR"] = backups,
            ["Storage__Path"] = host.FilesPath,
        };
        try
        {
            await ScriptAsync("backup.sh", settings, "full"); // turns archiving on: PostgreSQL restarts
            NpgsqlConnection.ClearAllPools(); // the test's own connections died with it (the portal's pool clears itself)
            using var applicant = host.NewSession();
            await TestUsers.SignUpAsync(applicant);
            string[] kept = [await AttestationJourney.FileAsync(applicant), await AttestationJourney.FileAsync(applicant)];
            var files = Hashes(host.FilesPath);
            Assert.True(files.Count >= 4, "two requests, two files each");

            await Task.Delay(TimeSpan.FromSeconds(1));
            var moment = await NowAsync(cluster);
            await Task.Delay(TimeSpan.FromSeconds(1));
            var after = await AttestationJourney.FileAsync(applicant);
            await ScriptAsync("backup.sh", settings, "incr");

            // The disk is lost: the cluster's folder and the files.
            await cluster.StopAsync();
            Directory.Delete(cluster.Data, recursive: true);
            Directory.Delete(host.FilesPath, recursive: true);

            var restore = await ScriptAsync("restore.sh", settings, moment);
            Assert.Contains("Restored in", restore, StringComparison.Ordinal);
            NpgsqlConnection.ClearAllPools();

            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var numbers = await db.Requests.Where(r => r.Number != null && (kept.Contains(r.Number) || r.Number == after))
                .Select(r => r.Number!).OrderBy(n => n).ToListAsync();
            Assert.Equal(kept.Order(), numbers);
            Assert.Equal(files, Hashes(host.FilesPath).Where(f => files.ContainsKey(f.Key)).ToDictionary());

            var journal = new StringWriter();
            Assert.Equal(0, await VerifyAuditCommand.RunAsync(host.Services, journal, CancellationToken.None));
            Assert.Contains("chaîne intacte", journal.ToString(), StringComparison.Ordinal);

            // The applicant, still signed in (the cookie keys are in the database too), finds the two requests.
            var mine = await applicant.GetAsync("/mes-demandes");
            Assert.All(kept, number => Assert.Contains(number, mine.Text, StringComparison.Ordinal));
            Assert.DoesNotContain(after, mine.Text, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(backups))
            {
                Directory.Delete(backups, recursive: true);
            }
        }
    });

    private static Dictionary<string, string> Hashes(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private static async Task<string> NowAsync(PostgresCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.AdminConnectionString);
        await connection.OpenAsync();
        await using var now = new NpgsqlCommand("SELECT now()::text", connection);
        return (string)(await now.ExecuteScalarAsync())!;
    }

    private static async Task<string> ScriptAsync(string script, Dictionary<string, string> settings, string argument)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Repository.Root, "scripts", script));
        start.ArgumentList.Add(argument);
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var run = Process.Start(start)!;
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        var text = await output + await error;
        Assert.True(run.ExitCode == 0, $"{script} {argument} failed ({run.ExitCode}): {text}");
        return text;
    }
}
