using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EServices.Tests.Features.Api;

namespace EServices.Tests.Nodes;

public sealed partial class TwoNodesTests
{
    [Fact]
    public async Task An_api_token_made_by_one_node_opens_the_other_and_a_revocation_on_one_is_seen_by_the_other()
    {
        using var admin = await ApiClients.AdminAsync(nodes.A);
        var client = await ApiClients.RegisterAsync(admin, "DGFP", mayDecide: false);
        using var onA = await ApiClients.SignedInAsync(nodes.A, client);

        using var onB = ApiClients.Anonymous(nodes.B);
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/demarches")).StatusCode);

        await admin.SubmitAsync(await admin.GetAsync("/admin/clients-api"), $"Révoquer le client {client.Name}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/api/v1/demarches")).StatusCode);
        using var token = await ApiClients.RequestTokenAsync(ApiClients.Anonymous(nodes.B), client.ClientId, client.Secret);
        Assert.Equal("invalid_client", (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}
