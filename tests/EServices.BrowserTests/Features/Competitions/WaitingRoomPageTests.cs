using EServices.BrowserTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Competitions;

/// <summary>The waiting room as two phones see it while the node is full: the light page with each one's place, axe on
/// it, and the automatic retry that lets both in once places free — the one without JavaScript too (a meta refresh).
/// The room's capacity is lowered for the test and given back after, so the other browser tests are not held.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WaitingRoomPageTests(BrowserHost host, Chromium chromium) : AxeScanTest(host, chromium)
{
    [Fact]
    public async Task A_full_node_shows_each_phone_its_place_and_lets_them_in_by_itself_when_places_free()
    {
        var room = Host.Services.GetRequiredService<Web.Infrastructure.WaitingRoom.WaitingRoom>();
        var (capacity, retry) = (room.Options.Capacity, room.Options.RetryEvery);
        try
        {
            // Pages that reload slowly first, so that measuring one is not cut by its reload.
            room.Options.Capacity = 0;
            room.Options.RetryEvery = TimeSpan.FromSeconds(60);
            var application = $"/candidatures/{Guid.NewGuid()}";

            var first = await NewPageAsync();
            await first.SetViewportSizeAsync(360, 740);
            await first.GotoAsync(application);
            await Expect(first.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vous êtes dans la file d'attente");
            await Expect(first.GetByRole(AriaRole.Main)).ToContainTextAsync("Votre place dans la file : 1. Vous entrerez dès qu'une place se libère.");
            Assert.True(await first.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The waiting page is wider than a phone.");
            await Axe.ScanAsync(first, "waiting page on a phone");

            var second = await NewPageAsync(javaScriptEnabled: false);
            await second.SetViewportSizeAsync(360, 740);
            await second.GotoAsync(application);
            await Expect(second.GetByRole(AriaRole.Main)).ToContainTextAsync("Votre place dans la file : 2. Une personne est devant vous.");

            // Reloading every second now, each keeps its place; then places free: each page reloads on its own and goes
            // on to the application (anonymous: the sign-in page).
            room.Options.RetryEvery = TimeSpan.FromSeconds(1);
            await first.GotoAsync(application);
            await second.GotoAsync(application);
            await Expect(first.GetByRole(AriaRole.Main)).ToContainTextAsync("Votre place dans la file : 1.");
            await Expect(second.GetByRole(AriaRole.Main)).ToContainTextAsync("Votre place dans la file : 2.");
            room.Options.Capacity = capacity;
            foreach (var page in new[] { first, second })
            {
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Se connecter", new() { Timeout = 15_000 });
                Assert.Contains("/compte/connexion", page.Url, StringComparison.Ordinal);
            }
        }
        finally
        {
            (room.Options.Capacity, room.Options.RetryEvery) = (capacity, retry);
        }
    }
}
