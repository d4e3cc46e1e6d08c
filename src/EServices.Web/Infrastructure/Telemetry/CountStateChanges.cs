using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace EServices.Web.Infrastructure.Telemetry;

/// <summary>
/// Counts the requests' moves (each one writes a <see cref="RequestEvent"/>) and the payments' settlements as they reach
/// the database: once committed, so a save rolled back, or retried after a lost connection, counts nothing or once.
/// </summary>
public sealed class CountStateChanges(PortalMetrics metrics) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Changes> _changes = [];

    /// <summary>Read while saving (Added and Modified are gone once saved); kept per context until its commit.</summary>
    private sealed class Changes
    {
        public List<Action<PortalMetrics>> Saving { get; } = [];
        public List<Action<PortalMetrics>> Uncommitted { get; } = [];
    }

    /// <summary>For a move written in SQL (no <see cref="RequestEvent"/> tracked): counted when the context's transaction commits.</summary>
    public void RequestsMovedOnCommit(DbContext context, RequestStatus from, RequestStatus to, long count) =>
        _changes.GetOrCreateValue(context).Uncommitted.Add(m => m.RequestMoved(from.ToString(), to.ToString(), count));

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Read(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Read(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Of(eventData.Context)?.Saving.Clear();

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Of(eventData.Context)?.Uncommitted.Clear(); // a pooled context's leftovers of a transaction disposed uncommitted
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Count(Of(eventData.Context)?.Uncommitted);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Of(eventData.Context)?.Uncommitted.Clear();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Of(eventData.Context)?.Uncommitted.Clear();

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionFailed(transaction, eventData);
        return Task.CompletedTask;
    }

    private void Read(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changes = _changes.GetOrCreateValue(context);
        changes.Saving.Clear();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case RequestEvent { From: var from, To: var to } when entry.State == EntityState.Added && from != to:
                    changes.Saving.Add(m => m.RequestMoved(from?.ToString() ?? "None", to.ToString()));
                    break;
                // Left Pending now (a late "paid" after Failed or Expired is not a second settlement), or recorded settled.
                case Payment { Status: not PaymentStatus.Pending and var status } when entry.State == EntityState.Added
                    || (entry.State == EntityState.Modified && entry.Property(nameof(Payment.Status)) is { IsModified: true } property
                        && (PaymentStatus)property.OriginalValue! == PaymentStatus.Pending):
                    changes.Saving.Add(m => m.PaymentSettled(status.ToString()));
                    break;
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || Of(context) is not { } changes)
        {
            return;
        }

        if (context.Database.CurrentTransaction is null)
        {
            Count(changes.Saving);
        }
        else
        {
            changes.Uncommitted.AddRange(changes.Saving);
        }

        changes.Saving.Clear();
    }

    private void Count(List<Action<PortalMetrics>>? counts)
    {
        if (counts is null)
        {
            return;
        }

        foreach (var count in counts)
        {
            count(metrics);
        }

        counts.Clear();
    }

    private Changes? Of(DbContext? context) => context is not null && _changes.TryGetValue(context, out var changes) ? changes : null;
}
