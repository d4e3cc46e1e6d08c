using System.Globalization;
using System.Net;
using EServices.Tests.Infrastructure;
using EServices.Web.Infrastructure.WaitingRoom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.WaitingRoom;

/// <summary>
/// The waiting room of a node admitting two candidates at once, through HTTP: who gets in, who waits and at which place,
/// who is let in when a place frees, and what is never held. An admitted visitor's request goes on to the application
/// pages (anonymous, it is sent to the sign-in page); a waiting one gets the light page with its place.
/// </summary>
public sealed class WaitingRoomTests(WaitingRoomTests.Portal portal) : IClassFixture<WaitingRoomTests.Portal>
{
    public sealed class Portal : HostFixture
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("WaitingRoom:Capacity", "2");
            builder.UseSetting("WaitingRoom:IdleTimeout", "00:10:00");
            builder.UseSetting("WaitingRoom:RetryEvery", "00:00:05");
            builder.UseSetting("WaitingRoom:FrontRetryEvery", "00:00:02");
            builder.UseSetting("WaitingRoom:TicketTimeout", "00:01:00");
        }
    }

    private const string Waiting = "Vous êtes dans la file d'attente";
    private static readonly string Step = $"/candidatures/{Guid.NewGuid()}/identite";

    private ShiftedClock Clock => (ShiftedClock)portal.Services.GetRequiredService<TimeProvider>();

    [Fact]
    public async Task Beyond_capacity_visitors_wait_in_order_of_arrival_and_enter_when_a_place_frees_while_the_admitted_go_on()
    {
        await FreeTheRoomAsync();
        using var first = portal.NewSession();
        using var second = portal.NewSession();
        using var third = portal.NewSession();
        using var fourth = portal.NewSession();
        // Each comes back once with its cookie: from then on their place is theirs for the idle timeout.
        foreach (var admitted in new[] { first, second, first, second })
        {
            Assert.False(await WaitsAsync(admitted));
        }

        var page = await third.GetAsync(Step, follow: false);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(Waiting, page.Text, StringComparison.Ordinal);
        Assert.Contains("Votre place dans la file : 1. Vous entrerez dès qu'une place se libère.", page.Text, StringComparison.Ordinal);
        Assert.Equal("2;url=" + Step, Refresh(page));
        Assert.Equal("fr", page.Html.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Votre place dans la file : 2. Une personne est devant vous.", (await fourth.GetAsync(Step, follow: false)).Text, StringComparison.Ordinal);

        // The second admitted keeps going and the queue keeps reloading; the first admitted has gone quiet. When their
        // place frees (10 minutes idle), the first in the queue takes it, even though the second reloads just before.
        var admittedAfter = TimeSpan.Zero;
        for (var waited = TimeSpan.FromSeconds(30); waited <= TimeSpan.FromMinutes(11); waited += TimeSpan.FromSeconds(30))
        {
            Clock.Advance(TimeSpan.FromSeconds(30));
            Assert.False(await WaitsAsync(second));
            Assert.True(await WaitsAsync(fourth));
            if (admittedAfter == TimeSpan.Zero)
            {
                admittedAfter = await WaitsAsync(third) ? TimeSpan.Zero : waited;
            }
            else
            {
                Assert.False(await WaitsAsync(third)); // admitted, and going on with the application
            }
        }

        // The test clock runs on from the real one: the idle timeout passes at the 10th minute's reload or the next.
        Assert.InRange(admittedAfter, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10.5));
        Assert.Contains("Votre place dans la file : 1.", (await fourth.GetAsync(Step, follow: false)).Text, StringComparison.Ordinal);
        Assert.False(await WaitsAsync(third));
        Clock.Advance(-TimeSpan.FromMinutes(11));
    }

    [Fact]
    public async Task A_form_posted_after_the_admission_lapsed_is_still_taken_and_a_new_visitor_is_not_let_in_past_the_queue()
    {
        await FreeTheRoomAsync();
        using var typing = portal.NewSession();
        using var other = portal.NewSession();
        Assert.False(await WaitsAsync(typing));
        Assert.False(await WaitsAsync(other));

        // The candidate types for a long while; meanwhile the room filled again.
        Clock.Advance(TimeSpan.FromMinutes(11));
        using var newcomer = portal.NewSession();
        using var late = portal.NewSession();
        Assert.False(await WaitsAsync(other));
        Assert.False(await WaitsAsync(newcomer));
        Assert.True(await WaitsAsync(late));

        var posted = await typing.Client.PostAsync(Step, new FormUrlEncodedContent([new("nom_declare", "Ouédraogo")]));
        Assert.DoesNotContain(Waiting, await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await WaitsAsync(late));
        Clock.Advance(TimeSpan.FromMinutes(-11));
    }

    [Fact]
    public async Task The_catalogue_the_competitions_the_check_page_and_health_stay_served_while_the_room_is_full()
    {
        await FreeTheRoomAsync();
        using var a = portal.NewSession();
        using var b = portal.NewSession();
        using var waiting = portal.NewSession();
        await WaitsAsync(a);
        await WaitsAsync(b);
        Assert.True(await WaitsAsync(waiting));

        foreach (var url in new[] { "/", "/demarches", "/concours", "/verifier" })
        {
            var page = await waiting.GetAsync(url, follow: false);
            Assert.DoesNotContain(Waiting, page.Text, StringComparison.Ordinal);
        }

        var health = await (await waiting.Client.GetAsync("/health")).Content.ReadAsStringAsync();
        Assert.Equal(["Healthy", "salle d'attente : 1 en attente, 2 admis sur 2"], health.Split('\n'));
        Assert.Contains(portal.Logs.Lines, m => m.Contains("Waiting room full: 1 visitors waiting, 2 candidates admitted of 2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/CANDIDATURES/x/identite")]
    [InlineData("/candidatures")]
    [InlineData("/Concours/adjoints-administratifs-2028/Candidature")]
    [InlineData("/candidatures//x/")]
    public async Task Every_spelling_of_an_application_address_is_held_and_forged_or_foreign_cookies_admit_no_one(string url)
    {
        await FreeTheRoomAsync();
        using var a = portal.NewSession();
        using var b = portal.NewSession();
        await WaitsAsync(a);
        await WaitsAsync(b);

        using var forger = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        foreach (var cookies in new[]
        {
            $"{WaitingRoomGate.AdmissionCookie}=CfDJ8{new string('A', 120)}; {WaitingRoomGate.TicketCookie}=%00%ZZ",
            $"{WaitingRoomGate.AdmissionCookie}={new string('x', 5000)}",
            $"{WaitingRoomGate.AdmissionCookie}=; {WaitingRoomGate.AdmissionCookie}=a|{Guid.NewGuid():N}|{long.MaxValue}",
        })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Add("Cookie", cookies);
            var response = await forger.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(Waiting, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_button_posted_to_start_an_application_while_full_waits_on_a_page_the_room_holds_then_leads_back_to_the_competition()
    {
        await FreeTheRoomAsync();
        using var a = portal.NewSession();
        using var b = portal.NewSession();
        await WaitsAsync(a);
        await WaitsAsync(b);

        using var starting = portal.NewSession();
        var response = await starting.Client.PostAsync("/concours/inspecteurs-du-travail-2028/candidature", new FormUrlEncodedContent([]));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(Waiting, html, StringComparison.Ordinal);
        Assert.Contains("content=\"2;url=/concours/inspecteurs-du-travail-2028/candidature\"", html, StringComparison.Ordinal);

        // Still full: the reload waits again (the room holds that address) instead of serving the competition's page.
        var reload = await starting.Client.GetAsync("/concours/inspecteurs-du-travail-2028/candidature");
        Assert.Contains(Waiting, await reload.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A place frees: the same reload is let in (anonymous here, so to the sign-in page that returns there; signed in,
        // the address leads to the competition's page to press « Postuler » again).
        await FreeTheRoomAsync();
        var admitted = await starting.Client.GetAsync("/concours/inspecteurs-du-travail-2028/candidature");
        Assert.Equal(HttpStatusCode.Redirect, admitted.StatusCode);
        Assert.Contains("/concours/inspecteurs-du-travail-2028/candidature", Uri.UnescapeDataString(admitted.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_first_of_the_queue_whom_a_freed_place_goes_to_reload_sooner_than_those_behind_them()
    {
        await FreeTheRoomAsync();
        using var a = portal.NewSession();
        using var b = portal.NewSession();
        await WaitsAsync(a);
        await WaitsAsync(b);

        var delays = new List<int>();
        foreach (var position in Enumerable.Range(1, 3))
        {
            using var waiting = portal.NewSession();
            var page = await waiting.GetAsync(Step, follow: false);
            Assert.Contains($"Votre place dans la file : {position}.", page.Text, StringComparison.Ordinal);
            var refresh = Refresh(page) ?? "";
            var delay = int.Parse(refresh.Split(';')[0], CultureInfo.InvariantCulture);
            Assert.Equal(";url=" + Step, refresh[refresh.IndexOf(';', StringComparison.Ordinal)..]);
            Assert.Contains(page.Html.QuerySelectorAll("p"), p => p.TextContent.Contains($"se recharge toute seule dans {delay} secondes", StringComparison.Ordinal));
            delays.Add(delay);
        }

        Assert.Equal([2, 2], delays[..2]);
        Assert.InRange(delays[2], 4, 6); // 5 s give or take a fifth
    }

    [Fact]
    public async Task The_reloads_of_the_queue_are_spread_over_time_not_all_at_once()
    {
        await FreeTheRoomAsync();
        using var a = portal.NewSession();
        using var b = portal.NewSession();
        using var first = portal.NewSession();
        using var second = portal.NewSession();
        Assert.False(await WaitsAsync(a));
        Assert.False(await WaitsAsync(b));
        Assert.True(await WaitsAsync(first));
        Assert.True(await WaitsAsync(second));
        using var behind = portal.NewSession(); // third in the queue, behind those a freed place goes to
        var delays = new HashSet<string?>();
        for (var reload = 0; reload < 30; reload++)
        {
            var page = await behind.GetAsync(Step, follow: false);
            delays.Add(Refresh(page));
        }

        // 4, 5 or 6 s, drawn at each reload: 30 draws all alike would be one chance in tens of millions.
        Assert.True(delays.Count > 1, string.Join(", ", delays));
        Assert.All(delays, d => Assert.Matches("^[456];url=", d));
    }

    [Fact]
    public async Task A_visitor_that_never_returns_its_cookie_holds_a_place_no_longer_than_a_waiting_ticket()
    {
        await FreeTheRoomAsync();
        using var script = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        await script.GetAsync(Step);
        await script.GetAsync(Step);
        using var candidate = portal.NewSession();
        Assert.True(await WaitsAsync(candidate));

        Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await WaitsAsync(candidate));
        Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.False(await WaitsAsync(candidate));
        Clock.Advance(-TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task A_ticket_whose_page_stopped_reloading_is_a_new_arrival_and_loses_its_place()
    {
        await FreeTheRoomAsync();
        using var a = portal.NewSession();
        using var b = portal.NewSession();
        using var early = portal.NewSession();
        using var late = portal.NewSession();
        foreach (var admitted in new[] { a, b, a, b })
        {
            Assert.False(await WaitsAsync(admitted));
        }

        Assert.Contains("place dans la file : 1", (await early.GetAsync(Step, follow: false)).Text, StringComparison.Ordinal);
        Assert.Contains("place dans la file : 2", (await late.GetAsync(Step, follow: false)).Text, StringComparison.Ordinal);

        // The early one closes the page for a minute; the late one keeps reloading, so do the admitted.
        foreach (var seconds in new[] { 30, 31 })
        {
            Clock.Advance(TimeSpan.FromSeconds(seconds));
            Assert.False(await WaitsAsync(a));
            Assert.False(await WaitsAsync(b));
            await late.GetAsync(Step, follow: false);
        }

        Assert.Contains("place dans la file : 1", (await late.GetAsync(Step, follow: false)).Text, StringComparison.Ordinal);
        Assert.Contains("place dans la file : 2", (await early.GetAsync(Step, follow: false)).Text, StringComparison.Ordinal);
        Clock.Advance(-TimeSpan.FromSeconds(61));
    }

    /// <summary>The waiting page's meta refresh (« 2;url=… »), or null.</summary>
    private static string? Refresh(Page page) => page.Html.QuerySelector("meta[http-equiv=refresh]")?.GetAttribute("content");

    /// <summary>Whether this visitor got the waiting page for an application page.</summary>
    private static async Task<bool> WaitsAsync(WebSession session) =>
        (await session.GetAsync(Step, follow: false)).Text.Contains(Waiting, StringComparison.Ordinal);

    /// <summary>Each test starts with an empty room: the admitted and waiting of the previous one time out.</summary>
    private Task FreeTheRoomAsync()
    {
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal((0, 0, 2), portal.Services.GetRequiredService<Web.Infrastructure.WaitingRoom.WaitingRoom>().Snapshot());
        Clock.Advance(TimeSpan.FromHours(-1));
        return Task.CompletedTask;
    }
}
