using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace EServices.Web.Infrastructure.Audit;

/// <summary>
/// Extends the chain with the rows committed since the last pass. Writers never wait for it: they insert as before, and
/// rows enter the chain in the order the sealer first sees them committed (by time within a pass), numbered by the
/// sealer itself, so a rolled-back id or a transaction that commits late leaves no hole. One sealer at a time holds the
/// chain's head row.
/// </summary>
public sealed class AuditSealer(AppDbContext db, TimeProvider clock)
{
    public const int BatchSize = 500;

    /// <summary>Seals everything committed so far; returns how many rows were sealed.</summary>
    public async Task<int> SealAllAsync(CancellationToken ct)
    {
        int total = 0, sealedNow;
        do
        {
            sealedNow = await SealBatchAsync(ct);
            total += sealedNow;
        }
        while (sealedNow == BatchSize);
        return total;
    }

    private async Task<int> SealBatchAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var npgsqlTransaction = (NpgsqlTransaction)transaction.GetDbTransaction();
        var (lastNo, lastHash) = await AuditChain.HeadAsync(connection, npgsqlTransaction, forUpdate: true, ct)
            ?? throw new InvalidOperationException("The audit chain's head row is missing: the migrations were not applied.");

        var rows = new List<ChainRow>();
        await using (var select = new NpgsqlCommand(AuditChain.Rows("chain_no IS NULL") + $" ORDER BY at, source, id LIMIT {BatchSize}", connection, npgsqlTransaction))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                rows.Add(AuditChain.Read(reader));
            }
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        await using var batch = new NpgsqlBatch(connection, npgsqlTransaction);
        foreach (var row in rows)
        {
            var hash = AuditChain.Hash(lastHash, row.Content);
            lastNo++;
            batch.BatchCommands.Add(Command(
                $"UPDATE {row.Table} SET chain_no = $1, chain_previous = $2, chain_hash = $3 WHERE id = $4 AND chain_no IS NULL", lastNo, lastHash, hash, row.Id));
            lastHash = hash;
        }

        batch.BatchCommands.Add(Command($"UPDATE audit_chain_heads SET last_no = $1, last_hash = $2, sealed_at = $3 WHERE id = {AuditChainHead.SingleId}", lastNo, lastHash, clock.GetUtcNow()));
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return rows.Count;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
