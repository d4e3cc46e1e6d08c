using System.Net.Sockets;
using Npgsql;

namespace EServices.Web.Data;

/// <summary>Tells an outage of PostgreSQL (down, restarting, unreachable, too slow) from a bug or a refused statement.</summary>
public static class DatabaseFaults
{
    /// <summary>
    /// True when <paramref name="exception"/>, or one it wraps (EF's DbUpdateException and RetryLimitExceededException,
    /// Npgsql's "likely due to a transient failure"), says the database cannot be reached now.
    /// </summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case PostgresException postgres:
                    // The server answered: only "I am shutting down / starting / full / broken" is an outage.
                    return IsOutageState(postgres.SqlState);
                case NpgsqlException { IsTransient: true }:
                case TimeoutException:
                case SocketException:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(IsUnavailable);
            }
        }

        return false;
    }

    /// <summary>Class 08 connection exceptions, 57P01-57P03 (admin, crash shutdown, cannot connect now), 53300 (too many
    /// connections), 58000/58030 (system and I/O errors).</summary>
    public static bool IsOutageState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) || sqlState is "57P01" or "57P02" or "57P03" or "53300" or "58000" or "58030";
}
