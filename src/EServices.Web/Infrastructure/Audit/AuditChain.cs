using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace EServices.Web.Infrastructure.Audit;

/// <summary>One row of the chain as read from either table: its place in the chain (null while unsealed), its stored
/// hashes, and the content the hash covers. See docs/adr/0005-audit-chain.md.</summary>
public sealed record ChainRow(string Table, long Id, long? ChainNo, byte[]? Previous, byte[]? Hash, IReadOnlyList<string?> Content);

/// <summary>
/// The hash chain over the audit entries and the request events: hash = SHA-256(previous hash || canonical content).
/// The canonical content is the table, the id, who, when (UTC, microseconds, as PostgreSQL stores it), and what:
/// action, kind, target and its label for an audit entry; request, from, to and comment for a request event.
/// </summary>
public static class AuditChain
{
    public const string AuditEntries = "audit_entries";
    public const string RequestEvents = "request_events";

    /// <summary>The hash "before" the first row.</summary>
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>Both tables in the same columns. Unsealed events of test requests and of drafts are left out: test
    /// requests are deleted when their procedure is published, and applicants may delete their drafts, so neither enters
    /// the chain until filed (a draft's first event is sealed with its filing); a sealed row is always checked.</summary>
    private static readonly string RowsSql = $$"""
        SELECT 'request_events' AS source, e.id, e.chain_no, e.chain_previous, e.chain_hash, e.at, e.actor_id,
               e.request_id::text AS c1, e."from" AS c2, e."to" AS c3, e.comment AS c4
        FROM request_events e
        WHERE {0} AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = e.request_id AND (r.is_test OR r.status = {{RequestStates.Sql(RequestStatus.Draft)}}) AND e.chain_no IS NULL)
        UNION ALL
        SELECT 'audit_entries', a.id, a.chain_no, a.chain_previous, a.chain_hash, a.at, a.actor_id,
               a.action, a.target_type, a.target_id, a.target_label
        FROM audit_entries a
        WHERE {0}
        """;

    /// <summary>The rows of both tables that match <paramref name="where"/> (a condition on the columns both share).</summary>
    public static string Rows(string where) => RowsSql.Replace("{0}", where, StringComparison.Ordinal);

    public static ChainRow Read(NpgsqlDataReader reader)
    {
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        var at = reader.GetFieldValue<DateTimeOffset>(5).ToUniversalTime();
        var table = reader.GetString(0);
        var id = reader.GetInt64(1);
        return new ChainRow(
            table, id,
            reader.IsDBNull(2) ? null : reader.GetInt64(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<byte[]>(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<byte[]>(4),
            [table, id.ToString(CultureInfo.InvariantCulture), at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), Text(6), Text(7), Text(8), Text(9), Text(10)]);
    }

    /// <summary>The chain's last number and hash, read in the caller's transaction; null when the head row is missing.
    /// <paramref name="forUpdate"/> holds the row until that transaction ends: one sealer at a time extends the chain.</summary>
    public static async Task<(long No, byte[] Hash)?> HeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, bool forUpdate, CancellationToken ct)
    {
        var sql = $"SELECT last_no, last_hash FROM audit_chain_heads WHERE id = {AuditChainHead.SingleId}" + (forUpdate ? " FOR UPDATE" : "");
        await using var head = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await head.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1)) : null;
    }

    /// <summary>SHA-256 of the previous hash followed by the content, each field length-prefixed so that no two
    /// different contents encode alike ("ab","c" and "a","bc" differ; null differs from "").</summary>
    public static byte[] Hash(byte[] previous, IReadOnlyList<string?> content)
    {
        var text = new StringBuilder();
        foreach (var field in content)
        {
            text.Append(field is null ? "~" : string.Create(CultureInfo.InvariantCulture, $"{field.Length}:{field}")).Append('|');
        }

        return SHA256.HashData([.. previous, .. Encoding.UTF8.GetBytes(text.ToString())]);
    }
}
