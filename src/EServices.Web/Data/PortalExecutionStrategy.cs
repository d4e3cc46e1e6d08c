using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace EServices.Web.Data;

/// <summary>
/// Npgsql's retrying strategy (a few quick retries, so a restart of PostgreSQL or a dropped connection goes unnoticed),
/// except inside a transaction the code began itself: replaying one statement of a transaction whose connection broke
/// cannot work, so there it fails at once (the page answers 503). Units of work that must survive a blip are wrapped in
/// <c>CreateExecutionStrategy().ExecuteAsync</c> and replayed whole (filing). See docs/adr/0006-database-faults.md.
/// </summary>
public sealed class PortalExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: ["57P01", "57P02", "57P03"])
{
    /// <summary>Three retries at most one second apart: a user waits about two seconds before the 503 page, not half a minute.</summary>
    public const int MaxRetries = 3;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1);

    private bool _insideUserTransaction;

    /// <summary>Inside a user transaction, run once without retrying instead of refusing it as the base class does.
    /// (Checked here, when an operation starts, and not in RetriesOnFailure, which EF reads while it builds its services.)</summary>
    protected override void OnFirstExecution()
    {
        _insideUserTransaction = Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;
        if (_insideUserTransaction)
        {
            ExceptionsEncountered.Clear();
            return;
        }

        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception) => !_insideUserTransaction && base.ShouldRetryOn(exception);

    /// <summary>After a restart every pooled connection is dead; drop them all rather than meet them one retry at a time.</summary>
    protected override void OnRetry()
    {
        if (Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection)
        {
            NpgsqlConnection.ClearPool(connection);
        }

        base.OnRetry();
    }
}
