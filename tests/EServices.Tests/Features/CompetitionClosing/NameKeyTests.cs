using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.CompetitionClosing;

/// <summary>The name key orders the seats (in SQL) and serves the results search (in C#): both must give the same key.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class NameKeyTests(CandidacyHost host)
{
    public static readonly TheoryData<string, string> Names = new()
    {
        { "Ouédraogo Awa", "OUEDRAOGO AWA" },
        { "Oue\u0301draogo Awa", "OUEDRAOGO AWA" }, // the accent typed as a combining mark
        { "KABORÉ-Zoungrana Éric", "KABORE ZOUNGRANA ERIC" },
        { "N'Diaye Fatou", "NDIAYE FATOU" },
        { "D’Almeida  Jean-Baptiste", "DALMEIDA JEAN BAPTISTE" },
        { "  Çissé  François ", "CISSE FRANCOIS" },
        { "Cœur Lætitia", "COEUR LAETITIA" },
        { "ŒUVRE Ærin Strauß", "OEUVRE AERIN STRAUSS" },
        { "Ɛlisabɛth Ɔuɲa Ŋando", "ELISABETH OUNA NANDO" },
        { "Ÿvès Zoé, dit « Zézé » 2e", "YVES ZOE DIT ZEZE 2E" },
        { "Ølaf İlker", "OLAF LKER" }, // a letter the table does not know is punctuation, in both
        { "-- '' --", "" },
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void A_name_key_is_capitals_without_accents_or_punctuation(string name, string key) => Assert.Equal(key, NameKeys.Of(name));

    [Fact]
    public async Task PostgreSQL_makes_the_same_key_as_the_portal()
    {
        foreach (var name in Names.Select(row => (string)row[0]!))
        {
            Assert.Equal(NameKeys.Of(name), await host.ScalarAsync($"SELECT {NameKeys.Sql("@name::text")}", ("name", name)));
        }
    }
}
