using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Storage;
using EServices.Web.Competitions;
using Npgsql;

namespace EServices.Web.Features.CompetitionClosing;

/// <summary>The hand-written SQL of the work after closing: one statement over a whole competition, or a reader that
/// streams its rows, on the context's connection and in its transaction when one is open.</summary>
internal static class ClosingSql
{
    /// <summary>Records AGRE's request for work after closing in one transaction, under the competition's lock: null when
    /// there is no such competition, a refusal while it is still open or while the <see cref="ClosingJob"/> holds the row;
    /// what the action did is committed only when it is done.</summary>
    public static async Task<ClosingOutcome?> RunLockedAsync(
        AppDbContext db, int id, TimeProvider clock, Func<Competition, DateTimeOffset, Task<ClosingOutcome>> action, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await CompetitionLock.TryLockAsync(db, id, ct) is not { } competition)
        {
            return await db.Competitions.AnyAsync(c => c.Id == id, ct)
                ? ClosingOutcome.Refused("Une opération est en cours sur ce concours : actualisez la page dans un instant.")
                : null;
        }

        var now = clock.GetUtcNow();
        if (ClosingOutcome.StillOpen(competition, now) is { } open)
        {
            return open;
        }

        var outcome = await action(competition, now);
        if (outcome.Done)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return outcome;
    }

    /// <summary>Why nothing else is asked while the job has work in hand on this competition (one at a time: the
    /// numbering needs the validation's decisions); null when it has none.</summary>
    public static ClosingOutcome? Busy(Competition competition) =>
        competition.ValidationRequestedAt is { } validation
            ? ClosingOutcome.Refused($"La validation des candidatures déposées, demandée le {OuagadougouTime.Format(validation)}, est en cours : actualisez la page pour la suivre.")
        : competition.NumberingRequestedAt is { } numbering
            ? ClosingOutcome.Refused($"L'attribution des numéros et des places, demandée le {OuagadougouTime.Format(numbering)}, est en cours : actualisez la page pour la suivre.")
        : null;

    public static async Task<NpgsqlCommand> CommandAsync(AppDbContext db, string sql, CancellationToken ct, params object[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct);
        var command = new NpgsqlCommand(sql, (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(AppDbContext db, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = await CommandAsync(db, sql, ct, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The rows one at a time, as the server sends them: EF Core would buffer them all (the retrying strategy).</summary>
    public static async IAsyncEnumerable<T> StreamAsync<T>(
        AppDbContext db, string sql, Func<NpgsqlDataReader, T> read, [EnumeratorCancellation] CancellationToken ct, params object[] parameters)
    {
        await using var command = await CommandAsync(db, sql, ct, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return read(reader);
        }
    }

    public static string Show(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>« 1 candidature acceptée », « 12 candidatures acceptées »: a count with its words.</summary>
    public static string Count(int n, string one, string many) => n <= 1 ? $"{Show(n)} {one}" : $"{Show(n)} {many}";
}
