using System.Net;
using Microsoft.AspNetCore.Http;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.MyRequests;

/// <summary>Issue 16: the short address an SMS carries leads to the request's page; anything else is not found.</summary>
[Collection(WebCollection.Name)]
public sealed class ShortLinkTests(HostFixture host)
{
    [Theory]
    [InlineData("FP-2027-000123", "/mes-demandes/FP-2027-000123")]
    [InlineData("fp-2027-000123", "/mes-demandes/FP-2027-000123")] // typed from a phone
    [InlineData("ESSAI-2027-000001", "/mes-demandes/ESSAI-2027-000001")]
    public async Task A_tracking_number_redirects_to_the_request_page(string number, string target)
    {
        using var visitor = host.NewSession();
        var page = await visitor.GetAsync($"/d/{number}", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Equal(target, page.Location);
    }

    [Theory]
    [InlineData("/d/J%2361")]
    [InlineData("/d/Ou%C3%A9draogo-2027-000123")]
    [InlineData("/d/FP-2027-000123%2F..%2F..%2Fadmin")]
    [InlineData("/d/FP-2027-000123%0D%0ALocation:%20https://ailleurs.example")]
    [InlineData("/d/")]
    [InlineData("/d/FP-2027-000123%0A")] // "$" would let a final line feed through, into the Location header
    [InlineData("/d/FP-2027-%D9%A1%D9%A2%D9%A3%D9%A4%D9%A5%D9%A6")] // Arabic-Indic digits
    public async Task Anything_else_is_not_found(string url)
    {
        using var visitor = host.NewSession();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(url, follow: false)).Status);
    }

    /// <summary>Kestrel refuses a NUL in the path before the app (400), and the test client will not send one: handed to
    /// the app directly here, its NUL guard (RejectNulCharacters) answers the same.</summary>
    [Fact]
    public async Task A_nul_character_is_a_bad_request_not_an_error()
    {
        var context = await host.Server.SendAsync(c =>
        {
            (c.Request.Method, c.Request.Scheme, c.Request.Host) = ("GET", "https", new HostString("localhost"));
            c.Request.Path = new PathString("/d/\0");
        });
        Assert.Equal(400, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_200_character_value_is_not_found()
    {
        using var visitor = host.NewSession();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/d/" + new string('A', 200), follow: false)).Status);
    }

    [Fact]
    public async Task Signed_in_the_applicant_lands_on_their_request()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await Filing.AttestationJourney.FileAsync(applicant);
        var page = await applicant.GetAsync($"/d/{number.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.EndsWith($"/mes-demandes/{number}", page.Url, StringComparison.Ordinal);
    }
}
