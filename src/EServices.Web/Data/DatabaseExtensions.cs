using System.Data.Common;
using Npgsql;

namespace EServices.Web.Data;

public static class DatabaseExtensions
{
    public static DbContextOptionsBuilder UseEServicesDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithPoolSettings(connectionString), npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history")
                .ExecutionStrategy(dependencies => new PortalExecutionStrategy(dependencies)))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// The pool's settings, each unless the configured connection string decides it:
    /// - statements run twice on a connection are prepared and kept with it in the pool: PostgreSQL then parses and plans
    ///   each of the portal's statements once per connection, not at every run (pg_stat_statements, docs/benchmarks.md);
    /// - a connection taken from the pool again is not reset: the reset is a statement of its own before the next one
    ///   (60 of the 204 statements of an application, scenario 9). The portal leaves no session state on its pooled
    ///   connections (only transaction-scoped settings and locks); the session locks have their own (AdvisoryLock).
    /// </summary>
    public static string WithPoolSettings(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }; // only the keys set (Npgsql's knows them all)
        if (!written.ContainsKey("Max Auto Prepare") && !written.ContainsKey("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 100;
            settings.AutoPrepareMinUsages = 2;
        }

        if (!written.ContainsKey("No Reset On Close") && !written.ContainsKey("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        return settings.ConnectionString;
    }
}
