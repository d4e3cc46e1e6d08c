using EServices.Web.Data;
using Npgsql;

namespace EServices.Tests.Data;

public sealed class PreparedStatementsTests
{
    [Fact]
    public void Statements_are_prepared_unless_the_configured_connection_string_decides()
    {
        var chosen = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithPreparedStatements("Host=db;Username=portal;Database=eservices"));
        Assert.Equal(100, chosen.MaxAutoPrepare);
        Assert.Equal(2, chosen.AutoPrepareMinUsages);
        Assert.Equal("db", chosen.Host);

        var operatorsChoice = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithPreparedStatements("Host=db;Username=portal;Max Auto Prepare=0"));
        Assert.Equal(0, operatorsChoice.MaxAutoPrepare);
    }
}
