using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EServices.Tests.Payments;

/// <summary>With a state file, the simulator keeps its transactions across its own restart (as CinetPay would).</summary>
public sealed class PaySimStateTests
{
    [Fact]
    public async Task A_transaction_survives_a_restart_of_the_simulator()
    {
        var file = Path.Combine(Path.GetTempPath(), $"paysim-{Guid.NewGuid():N}.json");
        string[] args = ["--port", "0", "--state-file", file, "--apikey", "k-1", "--site-id", "1", "--secret-key", "s-1"];
        try
        {
            await using (var first = PaySim.PaySim.Build(args))
            {
                await first.StartAsync();
                using var client = new HttpClient { BaseAddress = new Uri(first.Urls.Single()) };
                using var opened = await client.PostAsJsonAsync("/v2/payment", new JsonObject
                {
                    ["apikey"] = "k-1", ["site_id"] = "1", ["transaction_id"] = "KEPT1", ["amount"] = 2500, ["currency"] = "XOF",
                    ["description"] = "Frais", ["notify_url"] = "http://127.0.0.1:9/n", ["return_url"] = "http://127.0.0.1:9/r", ["channels"] = "ALL",
                });
                Assert.Equal("201", (await opened.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
            }

            await using var second = PaySim.PaySim.Build(args);
            await second.StartAsync();
            using var again = new HttpClient { BaseAddress = new Uri(second.Urls.Single()) };
            using var check = await again.PostAsJsonAsync("/v2/payment/check", new JsonObject { ["apikey"] = "k-1", ["site_id"] = "1", ["transaction_id"] = "KEPT1" });
            var answer = (await check.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(("662", "2500"), (answer["code"]!.GetValue<string>(), answer["data"]!["amount"]!.GetValue<string>()));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
