using Npgsql;

namespace EServices.Web.Data;

/// <summary>
/// A PostgreSQL session advisory lock, held on a connection of its own so that the work done under it (migrations,
/// transactions, retries) cannot release it by accident; disposing releases it. Nodes use it to take turns.
/// </summary>
public sealed class AdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private AdvisoryLock(NpgsqlConnection connection, long key) => (_connection, _key) = (connection, key);

    /// <summary>Waits until the lock is free, then holds it.</summary>
    public static async Task<AdvisoryLock> TakeAsync(string connectionString, long key, CancellationToken ct) =>
        (await AcquireAsync(connectionString, key, "pg_advisory_lock", ct))!;

    /// <summary>Holds the lock if it is free; null when another session holds it.</summary>
    public static Task<AdvisoryLock?> TryTakeAsync(string connectionString, long key, CancellationToken ct) =>
        AcquireAsync(connectionString, key, "pg_try_advisory_lock", ct);

    private static async Task<AdvisoryLock?> AcquireAsync(string connectionString, long key, string function, CancellationToken ct)
    {
        // The reset on return to the pool ends the session's locks even if the release below never ran.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var take = new NpgsqlCommand($"SELECT {function}({key})::text", connection);
            // pg_advisory_lock returns void (empty text), pg_try_advisory_lock true or false.
            if (await take.ExecuteScalarAsync(ct) is "false")
            {
                await connection.DisposeAsync();
                return null;
            }

            return new AdvisoryLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({_key})", _connection))
        {
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }

        await _connection.DisposeAsync();
    }
}
