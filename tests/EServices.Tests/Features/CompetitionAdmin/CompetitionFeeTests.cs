using System.Net;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;
using static EServices.Tests.Features.CompetitionAdmin.CompetitionSteps;

namespace EServices.Tests.Features.CompetitionAdmin;

/// <summary>A competition's fee has the bound of every procedure's fee (10 000 000 FCFA).</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CompetitionFeeTests(CandidacyHost host)
{
    [Fact]
    public async Task A_fee_above_the_bound_of_every_fee_is_refused_next_to_it_and_kept()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var sessionPage = await CreateSessionAsync(admin, $"Session {NewCode()}");

        var bad = await CreateCompetitionAsync(admin, sessionPage, Fields(host, NewCode(), ("FeeXof", "10 000 005")));

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("Les frais d'un concours sont de 10 000 000 FCFA au plus, comme ceux de toute démarche.", bad.ErrorFor("FeeXof"));
        Assert.Equal("10 000 005", bad.ValueOf("FeeXof"));
        var good = await CreateCompetitionAsync(admin, sessionPage, Fields(host, NewCode(), ("FeeXof", "10 000 000")));
        Assert.Equal(HttpStatusCode.OK, good.Status);
    }
}
