using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>Deny by default, checked on every route the application maps: each one is public on purpose, or refuses
/// whoever its authorization metadata leaves out, as a real HTTP answer.</summary>
[Collection(WebCollection.Name)]
public sealed class RouteAccessTests(HostFixture host)
{
    /// <summary>The routes anyone may open, each with the reason why. A new [AllowAnonymous] route fails
    /// <see cref="Only_the_listed_routes_are_open_to_anonymous_users"/> until it is added here.</summary>
    private static readonly Dictionary<string, string> PublicRoutes = new()
    {
        ["/"] = "catalogue: home page",
        ["/demarches"] = "catalogue: search",
        ["/demarches/{slug}"] = "catalogue: a procedure's sheet",
        ["/avis/{id:guid}"] = "an expert's opinion link: its 256-bit key (in the query) opens one request, read-only, until the answer or the deadline",
        ["/avis/{id:guid}/pieces/{attachment:guid}"] = "an expert's opinion link: the files of that one request, with the same key",
        ["/avis/merci"] = "an expert's opinion link: the thanks page after the answer (names nothing)",
        ["/statistiques"] = "catalogue: the processing times of every procedure online, promised and measured (counts only)",
        ["/compte/inscription"] = "sign-up",
        ["/compte/activer"] = "sign-up: the activation link e-mailed to the new address",
        ["/compte/inscription/code"] = "sign-up by phone: the code sent by SMS creates the account",
        ["/compte/inscription/renvoyer"] = "sign-up by phone: a new code",
        ["/compte/connexion"] = "sign-in",
        ["/compte/connexion/code"] = "second factor at sign-in (the user is half signed in)",
        ["/compte/connexion/code-de-secours"] = "recovery code at sign-in (the user is half signed in)",
        ["/compte/deconnexion"] = "sign-out works even when the session has already expired",
        ["/compte/mot-de-passe-oublie"] = "forgotten password",
        ["/compte/mot-de-passe-oublie/code"] = "forgotten password: the code sent by SMS and the new password",
        ["/compte/reinitialiser"] = "password reset from the e-mailed link (also staff invitations)",
        ["/compte/acces-refuse"] = "where refused users are sent",
        ["/verifier/{code}"] = "anyone holding a receipt or certificate checks its QR code",
        ["/concours"] = "competitions: the ones open now, their conditions and closing dates",
        ["/concours/{code}"] = "competitions: one competition's conditions, documents and centres (applying asks for a sign-in)",
        ["/d/{number}"] = "the short address an SMS carries: it only redirects to the request's page, which asks for a sign-in",
        ["/verifier/cle"] = "public key of the QR signatures",
        ["/v/{kind}/{number}/{date}/{holder}/{signature}"] = "the signed address a QR code carries (format 2)",
        ["/erreur/{status:int?}"] = "error pages",
        ["/health/live"] = "liveness for the load balancer: says only Healthy (the process answers)",
        ["/health/ready"] = "readiness for the load balancer: the same answer as /health",
        ["/health"] = "health check for the load balancer: says only Healthy or Unhealthy, and the waiting room queue (counts, no one named)",
        ["/dev/sms"] = "the developer's SMS page, in Development only (404 elsewhere)",
        ["/paiements/notification"] = "CinetPay's notification, server to server: checked by its x-token HMAC, it only makes the portal ask CinetPay",
        ["/resultats"] = "results: the competitions whose results AGRE published",
        ["/resultats/{code}"] = "results: search an admitted candidate of a published competition by exam number or name (404 before publication)",
        ["/resultats/{code}/liste.pdf"] = "results: the PDF list of a published competition's admitted candidates",
        ["/api/v1/token"] = "the API's OAuth token endpoint: a client proves itself with its secret (checked hashed by OpenIddict), limited like sign-ins",
        ["/api/v1"] = "the API's reference page: the OpenAPI document as HTML (routes and rules, no data)",
        ["/api/v1/openapi.json"] = "the API's OpenAPI document (routes and rules, no data)",
        ["/paiements/retour"] = "the browser back from CinetPay, maybe signed out: it shows the outcome to the attempt's owner only, a neutral page to anyone else",
    };

    [Fact]
    public void Only_the_listed_routes_are_open_to_anonymous_users()
    {
        var endpoints = AppEndpoints.All(host);
        var anonymous = endpoints.Where(e => e.Access == Access.Public).Select(e => e.Template).ToHashSet();

        Assert.All(anonymous, template => Assert.True(PublicRoutes.ContainsKey(template),
            $"{template} is [AllowAnonymous] but not in {nameof(PublicRoutes)}: add it with the reason it is public, or require a sign-in."));
        Assert.All(PublicRoutes.Keys, template => Assert.True(anonymous.Contains(template),
            $"{template} is listed as public but the application {(endpoints.Any(e => e.Template == template) ? "requires a sign-in there" : "has no such route")}: remove it from the list."));
    }

    [Fact]
    public async Task Every_route_lets_in_exactly_the_users_its_authorization_metadata_names()
    {
        var endpoints = AppEndpoints.All(host);
        // The table covers every kind of access: a catalogue read wrongly would not pass unnoticed.
        Assert.Equal(Enum.GetValues<Access>(), endpoints.Select(e => e.Access).Distinct().Order());
        Assert.True(endpoints.Count > 80, $"Only {endpoints.Count} endpoints found: is the endpoint data source the application's?");

        using var world = await AccessWorld.CreateAsync(host);
        var failures = await Task.WhenAll(Enum.GetValues<Who>().Select(async who =>
        {
            var wrong = new List<string>();
            foreach (var endpoint in endpoints)
            {
                using var response = await Probe.SendAsync(world.Sessions[who], endpoint, world);
                var refused = Probe.IsRefusal(response, who);
                if (endpoint.Allows(who) ? refused || (int)response.StatusCode >= 500 : !refused)
                {
                    wrong.Add($"{endpoint} ({endpoint.Url(world)}) as {who}, meant for {endpoint.Access}: " +
                        $"expected {(endpoint.Allows(who) ? "to be let in" : "a refusal")}, got {Probe.Describe(response)}");
                }
            }

            return wrong;
        }));

        var all = failures.SelectMany(f => f).ToList();
        Assert.True(all.Count == 0, string.Join('\n', all));
    }
}
