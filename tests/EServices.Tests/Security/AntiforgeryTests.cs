using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>Every state-changing request needs the form's antiforgery token: a POST forged from another site is refused.</summary>
[Collection(WebCollection.Name)]
public sealed class AntiforgeryTests(HostFixture host)
{
    private const string ApiByBearer = "the API: a bearer token only, no session cookie opens it (RouteAccessTests: every user gets 401), so no page can forge a call";

    /// <summary>Routes that accept a POST without a token, and why that is safe. Nothing else may opt out.</summary>
    private static readonly Dictionary<string, string> Exempt = new()
    {
        ["/erreur/{status:int?}"] = "the error page is re-executed for failed POSTs (a refused token among them) and changes nothing",
        ["/health"] = "not MVC, changes nothing: answers Healthy or Unhealthy and the waiting room queue to any method",
        ["/health/ready"] = "not MVC, changes nothing: the same answer as /health",
        ["/health/live"] = "not MVC, changes nothing: answers Healthy to any method",
        ["/paiements/notification"] = "CinetPay posts it server to server: its x-token HMAC is checked instead, and it only makes the portal ask CinetPay",
        ["/api/v1/token"] = "the API's token endpoint: the client sends its secret, no cookie is read",
        ["/api/v1/demandes/{numero}/prendre"] = ApiByBearer,
        ["/api/v1/demandes/{numero}/complement"] = ApiByBearer,
        ["/api/v1/demandes/{numero}/accepter"] = ApiByBearer,
        ["/api/v1/demandes/{numero}/rejeter"] = ApiByBearer,
        ["/api/v1/demandes/{numero}/messages"] = ApiByBearer,
        ["/paiements/retour"] = "CinetPay's page posts the browser back here: the POST only redirects to the GET, which asks CinetPay",
    };

    [Fact]
    public void No_route_opts_out_of_antiforgery_except_the_error_page_the_payment_provider_s_and_the_api_s()
    {
        var optedOut = AppEndpoints.All(host).Where(e => e.IgnoresAntiforgery).Select(e => e.Template).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Exempt.Keys.Where(k => !k.StartsWith("/health", StringComparison.Ordinal)).Concat(["/api/v1/demandes/{numero}", "/api/v1/demarches", "/api/v1/documents/{id:guid}", "/api/v1/pieces/{id:guid}", "/api/v1/demandes"])
            .Order(StringComparer.Ordinal), optedOut);
    }

    [Fact]
    public async Task Every_post_without_an_antiforgery_token_answers_400_to_a_user_allowed_there()
    {
        var posts = AppEndpoints.All(host).Where(e => e.Method == "POST" && !Exempt.ContainsKey(e.Template)).ToList();
        Assert.True(posts.Count > 40, $"Only {posts.Count} POST endpoints found.");

        using var world = await AccessWorld.CreateAsync(host);
        var wrong = new List<string>();
        foreach (var post in posts)
        {
            // The weakest signed-in user the route lets in, so that authorization is not what refuses the request;
            // a public form is forged against anonymous visitors too.
            var weakest = Enum.GetValues<Who>().First(w => w != Who.Anonymous && post.Allows(w));
            foreach (var who in post.Access == Access.Public ? [Who.Anonymous, weakest] : new[] { weakest })
            {
                using var response = await Probe.SendAsync(world.Sessions[who], post, world);
                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    wrong.Add($"{post} ({post.Url(world)}) as {who}: expected 400, got {Probe.Describe(response)}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));

        // Still signed in: the sign-out POST without a token did not sign anybody out.
        Assert.Equal(HttpStatusCode.OK, (await world.Sessions[Who.Citizen].GetAsync($"/mes-demandes/{world.Number}", follow: false)).Status);
    }
}
