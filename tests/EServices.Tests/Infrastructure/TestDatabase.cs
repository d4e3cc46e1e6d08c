using Npgsql;

namespace EServices.Tests.Infrastructure;

/// <summary>Straight SQL on the test database: to read what the portal stored, or to move a date into the past.</summary>
public static class TestDatabase
{
    public static async Task<object?> ScalarAsync(this HostFixture host, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }
}
