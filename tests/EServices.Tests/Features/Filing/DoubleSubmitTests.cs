using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Filing;

/// <summary>A step sent many times at once (a double click with JavaScript off, two tabs): the request row's version lets
/// one save through at a time; a post that crossed another is told the request changed meanwhile (409), never a 500.</summary>
[Collection(WebCollection.Name)]
public sealed class DoubleSubmitTests(HostFixture host)
{
    [Fact]
    public async Task A_step_posted_eight_times_at_once_is_saved_and_no_post_answers_a_server_error()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step1 = await AttestationJourney.StartAsync(session);

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => session.SubmitAsync(step1, "Continuer", AttestationJourney.Identity)));

        Assert.All(pages, p => Assert.Contains(p.Status, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.All(pages.Where(p => p.Status == HttpStatusCode.Conflict), p => Assert.Contains("Demande modifiée entre-temps", p.Text, StringComparison.Ordinal));
        var mine = await session.GetAsync("/mes-demandes");
        var resumed = await session.ClickAsync(mine, "Reprendre");
        Assert.Contains("Ouédraogo", (await session.GetAsync(resumed.Url.Replace("etapes/2", "etapes/1", StringComparison.Ordinal))).Html.QuerySelector("#nom_declare")?.GetAttribute("value") ?? "", StringComparison.Ordinal);
    }
}
