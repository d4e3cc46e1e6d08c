using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Faults;

[Collection(FaultsCollection.Name)]
public sealed class ResumeAfterOutageTests(FaultsHost host)
{
    /// <summary>Found by the outage test: "Déposer ma demande" answered 503, the applicant starts the procedure again,
    /// and was sent to a step after the last one (404).</summary>
    [Fact]
    public async Task A_draft_with_every_step_done_resumes_on_its_review_page()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        await AttestationJourney.FillAsync(session);

        var resumed = await AttestationJourney.StartAsync(session);

        Assert.Equal(HttpStatusCode.OK, resumed.Status);
        Assert.EndsWith("/recapitulatif", resumed.Url, StringComparison.Ordinal);
        Assert.Contains("Vous aviez déjà commencé cette démarche", resumed.Text, StringComparison.Ordinal);
        var filed = await session.SubmitAsync(resumed, "Déposer ma demande", [("declaration", "oui")]);
        Assert.Contains("Votre demande est déposée. Numéro de suivi : FP-2027-", filed.Text, StringComparison.Ordinal);
    }
}
