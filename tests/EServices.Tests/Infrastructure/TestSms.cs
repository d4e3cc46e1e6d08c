using Npgsql;

namespace EServices.Tests.Infrastructure;

/// <summary>The SMS a host queued for a phone (its outbox_sms rows, oldest first), as the gateway will receive them. The
/// tests through the real Kannel (SmsGateway tests) check what then reaches the fake SMS centre.</summary>
public static class TestSms
{
    public sealed record Queued(long Id, string To, string Text, SmsCoding Coding, int Parts, SmsKind Kind, Guid? RequestId);

    /// <summary>Every SMS queued for <paramref name="phone"/> (any form: +226 70 12 34 56, 70123456…).</summary>
    public static async Task<IReadOnlyList<Queued>> ToAsync(HostFixture host, string phone)
    {
        if (!FieldRules.TryPhone(phone, out var canonical))
        {
            throw new ArgumentException("Not a Burkinabè number: " + phone, nameof(phone));
        }

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT id, \"to\", text, coding, parts, kind, request_id FROM outbox_sms WHERE \"to\" = @to ORDER BY id", connection);
        command.Parameters.AddWithValue("to", FieldRules.E164(canonical));
        await using var reader = await command.ExecuteReaderAsync();
        var queued = new List<Queued>();
        while (await reader.ReadAsync())
        {
            queued.Add(new Queued(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), Enum.Parse<SmsCoding>(reader.GetString(3)),
                reader.GetInt32(4), Enum.Parse<SmsKind>(reader.GetString(5)), reader.IsDBNull(6) ? null : reader.GetGuid(6)));
        }

        return queued;
    }

    /// <summary>The last SMS queued for <paramref name="phone"/>; fails when there is none.</summary>
    public static async Task<Queued> LastToAsync(HostFixture host, string phone) =>
        await ToAsync(host, phone) is [.., var last] ? last : throw new InvalidOperationException("No SMS queued for " + phone);

    /// <summary>A number no other test uses: +226 7x xx xx xx, random.</summary>
    public static string NewPhone() => "+226 7" + Random.Shared.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
}
