using EServices.Web.Data;
using Npgsql;

namespace EServices.Tests.Data;

public sealed class PreparedStatementsTests
{
    [Fact]
    public void Statements_are_prepared_and_pooled_connections_kept_as_they_are_unless_the_configured_connection_string_decides()
    {
        var chosen = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithPoolSettings("Host=db;Username=portal;Database=eservices"));
        Assert.Equal(100, chosen.MaxAutoPrepare);
        Assert.Equal(2, chosen.AutoPrepareMinUsages);
        Assert.True(chosen.NoResetOnClose);
        Assert.Equal("db", chosen.Host);

        var operatorsChoice = new NpgsqlConnectionStringBuilder(DatabaseExtensions.WithPoolSettings("Host=db;Username=portal;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, operatorsChoice.MaxAutoPrepare);
        Assert.False(operatorsChoice.NoResetOnClose);
    }
}
