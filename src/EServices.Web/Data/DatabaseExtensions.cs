using Microsoft.EntityFrameworkCore;

namespace EServices.Web.Data;

public static class DatabaseExtensions
{
    public static DbContextOptionsBuilder UseEServicesDatabase(this DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql
                .MigrationsHistoryTable("__ef_migrations_history")
                .ExecutionStrategy(dependencies => new PortalExecutionStrategy(dependencies)))
            .UseSnakeCaseNamingConvention();
}
