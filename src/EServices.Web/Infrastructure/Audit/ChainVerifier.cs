using System.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EServices.Web.Infrastructure.Audit;

public enum ChainProblem
{
    /// <summary>The row's content no longer gives its stored hash.</summary>
    ContentChanged,

    /// <summary>The row's stored "previous hash" is not the hash of the row before it.</summary>
    LinkBroken,

    /// <summary>A number of the chain has no row.</summary>
    Missing,

    /// <summary>Two rows carry the same number.</summary>
    Duplicate,

    /// <summary>The chain does not end where its head says.</summary>
    HeadMismatch,
}

/// <summary>The first place where the chain does not hold: its number in the chain, and the row when there is one.</summary>
public sealed record ChainBreak(long ChainNo, string? Table, long? RowId, ChainProblem Problem)
{
    public string Message => Problem switch
    {
        ChainProblem.ContentChanged => $"Ligne n° {ChainNo} modifiée ou supprimée : le contenu {Row} ne correspond plus à son sceau.",
        ChainProblem.LinkBroken => $"Ligne n° {ChainNo} modifiée ou supprimée : son lien avec la ligne n° {ChainNo - 1} ne correspond pas ({Row} ; la ligne précédente a été modifiée ou supprimée).",
        ChainProblem.Missing => $"Ligne n° {ChainNo} modifiée ou supprimée : elle manque dans la chaîne.",
        ChainProblem.Duplicate => $"Ligne n° {ChainNo} modifiée ou supprimée : ce numéro est porté par une autre ligne ({Row}).",
        _ => $"Ligne n° {ChainNo} modifiée ou supprimée : la fin de la chaîne ne correspond pas à son dernier sceau.",
    };

    private string Row => Table switch
    {
        AuditChain.RequestEvents => $"de l'événement de demande n° {RowId}",
        AuditChain.AuditEntries => $"de l'action d'administration n° {RowId}",
        _ => "",
    };
}

/// <summary>What a verification found: rows checked, rows not sealed yet (recent ones), and the first break if any.</summary>
public sealed record ChainVerification(long Verified, long Unsealed, ChainBreak? Break)
{
    public bool Intact => Break is null;

    public string Summary => Break?.Message ?? $"Intégrité du journal : {Verified} {(Verified <= 1 ? "ligne vérifiée" : "lignes vérifiées")}, chaîne intacte.";

    public string? UnsealedNote => Unsealed == 0 ? null
        : $"{Unsealed} {(Unsealed == 1 ? "ligne récente n'est" : "lignes récentes ne sont")} pas encore scellée{(Unsealed == 1 ? "" : "s")} : elle{(Unsealed == 1 ? "" : "s")} le ser{(Unsealed == 1 ? "a" : "ont")} dans quelques secondes.";
}

/// <summary>Walks the sealed chain in order and recomputes every hash, in one snapshot so that the sealer running
/// meanwhile changes nothing it reads.</summary>
public sealed class ChainVerifier(AppDbContext db)
{
    public async Task<ChainVerification> VerifyAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();

        var (headNo, headHash) = await AuditChain.HeadAsync(connection, npgsqlTransaction, forUpdate: false, ct) ?? (-1L, AuditChain.Genesis);

        long unsealed;
        await using (var count = new NpgsqlCommand($"SELECT count(*) FROM ({AuditChain.Rows("chain_no IS NULL")}) AS u", connection, npgsqlTransaction))
        {
            unsealed = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        var broken = await WalkAsync(connection, npgsqlTransaction, headNo, headHash, ct);
        return new ChainVerification(broken.Verified, unsealed, broken.Break);
    }

    private static async Task<(long Verified, ChainBreak? Break)> WalkAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, long headNo, byte[] headHash, CancellationToken ct)
    {
        if (headNo < 0)
        {
            return (0, new ChainBreak(0, null, null, ChainProblem.HeadMismatch));
        }

        long expected = 1;
        var previous = AuditChain.Genesis;
        await using (var rows = new NpgsqlCommand(AuditChain.Rows("chain_no IS NOT NULL") + " ORDER BY chain_no", connection, transaction))
        await using (var reader = await rows.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var row = AuditChain.Read(reader);
                var problem = row.ChainNo < expected ? ChainProblem.Duplicate
                    : row.ChainNo > expected ? ChainProblem.Missing
                    : !row.Previous!.AsSpan().SequenceEqual(previous) ? ChainProblem.LinkBroken
                    : !AuditChain.Hash(row.Previous!, row.Content).AsSpan().SequenceEqual(row.Hash) ? ChainProblem.ContentChanged
                    : (ChainProblem?)null;
                if (problem is { } found)
                {
                    return found == ChainProblem.Missing
                        ? (expected - 1, new ChainBreak(expected, null, null, found))
                        : (expected - 1, new ChainBreak(row.ChainNo!.Value, row.Table, row.Id, found));
                }

                previous = row.Hash!;
                expected++;
            }
        }

        var verified = expected - 1;
        return verified < headNo ? (verified, new ChainBreak(expected, null, null, ChainProblem.Missing))
            : verified > headNo || !previous.AsSpan().SequenceEqual(headHash) ? (verified, new ChainBreak(verified, null, null, ChainProblem.HeadMismatch))
            : (verified, null);
    }
}
