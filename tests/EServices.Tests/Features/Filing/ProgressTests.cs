using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Filing;

[Collection(WebCollection.Name)]
public sealed partial class ProgressTests(HostFixture host)
{
    /// <summary>The numbers were list markers and the titles touched: copied, read without styles or by a crawler, the
    /// progress said "Votre identitéVotre emploi", and the 1., 2. were nowhere in the text.</summary>
    [Fact]
    public async Task The_progress_steps_are_numbered_in_the_text_and_apart()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step1 = await AttestationJourney.StartAsync(session);

        var progress = step1.Html.QuerySelector("ol.steps")!;
        Assert.Equal(
            "1.\u00A0Votre identité 2.\u00A0Votre emploi 3.\u00A0Pièces justificatives 4.\u00A0Récapitulatif",
            Spaces().Replace(progress.TextContent, " ").Trim());
        Assert.Equal("1.\u00A0Votre identité", progress.QuerySelector("li[aria-current=step]")!.TextContent.Trim());

        var step2 = await session.SubmitAsync(step1, "Continuer", AttestationJourney.Identity);
        Assert.Equal("2.\u00A0Votre emploi", step2.Html.QuerySelector("ol.steps li[aria-current=step]")!.TextContent.Trim());
    }

    [GeneratedRegex("[ \t\r\n]+")]
    private static partial Regex Spaces();
}
