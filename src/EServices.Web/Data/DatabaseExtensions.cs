using System.Data.Common;
using Npgsql;

namespace EServices.Web.Data;

public static class DatabaseExtensions
{
    public static DbContextOptionsBuilder UseEServicesDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithPreparedStatements(connectionString), npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history")
                .ExecutionStrategy(dependencies => new PortalExecutionStrategy(dependencies)))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Statements run twice on a connection are prepared and kept with it in the pool, unless the configured connection
    /// string says otherwise: PostgreSQL then parses and plans each of the portal's statements once per connection, not
    /// at every run (measured with pg_stat_statements during filing, docs/benchmarks.md).
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var written = new DbConnectionStringBuilder { ConnectionString = connectionString }; // only the keys set (Npgsql's knows them all)
        if (!written.ContainsKey("Max Auto Prepare") && !written.ContainsKey("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 100;
            settings.AutoPrepareMinUsages = 2;
        }

        return settings.ConnectionString;
    }
}
