using System.Net;
using EServices.Tests.Features.Admin;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Data.Seed;
using EServices.Web.Infrastructure.Email;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EServices.Tests.Nodes;

/// <summary>
/// Issue 6, "several nodes": two portal hosts on one PostgreSQL database, a browser whose requests go to either, as behind a
/// load balancer without sticky sessions. What a user sees must not depend on the node that answers, and background work
/// (e-mails, the audit chain) must be done once although both nodes run it.
/// </summary>
public sealed partial class TwoNodesTests(TwoNodes nodes) : IClassFixture<TwoNodes>
{
    [Fact]
    public async Task Two_nodes_starting_at_once_on_an_empty_database_seed_it_once_and_share_one_signing_key_and_one_cookie_key()
    {
        var catalogue = CatalogueSeed.Load();
        Assert.Equal((long)catalogue.Procedures.Count, (long)(await nodes.A.ScalarAsync("SELECT count(*) FROM procedures"))!);
        Assert.Equal((long)catalogue.Services.Count, (long)(await nodes.A.ScalarAsync("SELECT count(*) FROM services"))!);
        Assert.Equal(1L, (long)(await nodes.A.ScalarAsync("SELECT count(*) FROM signing_keys"))!);
        Assert.Equal(1L, (long)(await nodes.A.ScalarAsync("SELECT count(*) FROM data_protection_keys"))!);
        Assert.Equal(1L, (long)(await nodes.A.ScalarAsync("SELECT count(*) FROM \"AspNetRoles\" WHERE name = @r", ("r", Roles.Admin)))!);

        // The public key that checks QR codes is the same whichever node answers.
        var keys = new List<string>();
        foreach (var each in nodes.Both)
        {
            using var client = each.CreateClient();
            keys.Add(await client.GetStringAsync("/verifier/cle"));
        }

        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task A_user_signed_in_on_one_node_is_signed_in_on_the_other_and_each_form_step_is_accepted_by_the_node_it_was_not_fetched_from()
    {
        var (session, node) = nodes.NewSession(nodes.A);
        using var _ = session;
        var user = await TestUsers.SignUpAsync(session); // signed in by node A

        node.Node = nodes.B;
        var mine = await session.GetAsync("/mes-demandes", follow: false);
        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Equal("Mes demandes", mine.Html.QuerySelector("h1")!.TextContent);
        var (stranger, _) = nodes.NewSession(nodes.B); // without A's cookies, B asks to sign in: the check above can fail
        using (stranger)
        {
            Assert.Contains("/compte/connexion", (await stranger.GetAsync("/mes-demandes", follow: false)).Location, StringComparison.Ordinal);
        }

        // Every page is fetched from one node and its form posted to the other (antiforgery token and cookie from the other).
        node.Node = nodes.A;
        var step1 = await AttestationJourney.StartAsync(session);
        node.Node = nodes.B;
        var step2 = await session.SubmitAsync(step1, "Continuer", AttestationJourney.Identity);
        Assert.Equal(HttpStatusCode.OK, step2.Status);
        node.Node = nodes.A;
        var step3 = await session.SubmitAsync(step2, "Continuer", AttestationJourney.Employment);
        Assert.Equal(HttpStatusCode.OK, step3.Status);
        node.Node = nodes.B; // the upload lands on B's disk view of the shared folder
        var review = await session.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = TestFiles.Pdf("ma cnib.pdf"),
            ["bulletin"] = TestFiles.Png("bulletin-mars.png"),
        });
        Assert.Contains("ma cnib.pdf (2 Ko)", review.Text, StringComparison.Ordinal);
        node.Node = nodes.A;
        var filed = await session.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")]);
        var number = filed.Url.Split('/').Last();
        Assert.Contains($"Votre demande est déposée. Numéro de suivi : {number}", filed.Text, StringComparison.Ordinal);

        // The request, its receipt and the file uploaded through B are served by either node.
        foreach (var each in nodes.Both)
        {
            node.Node = each;
            var page = await session.GetAsync($"/mes-demandes/{number}");
            Assert.Contains("Déposée", page.Text, StringComparison.Ordinal);
            var (status, pdf, _) = await session.DownloadAsync($"/mes-demandes/{number}/recepisse");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4), StringComparison.Ordinal);
            var attachment = page.Html.QuerySelector("a[href*='/mes-demandes/pieces/']")!.GetAttribute("href")!;
            var (fileStatus, file, _) = await session.DownloadAsync(attachment);
            Assert.Equal(HttpStatusCode.OK, fileStatus);
            Assert.NotEmpty(file);
        }

        // Signing out on B ends the session everywhere: the same cookie is refused by A at its next request.
        node.Node = nodes.A;
        var home = await session.GetAsync("/");
        var (copy, copySwitch) = nodes.NewSession(nodes.A);
        using (copy)
        {
            await SignInAsync(copy, user);
            node.Node = nodes.B;
            Assert.Contains("Vous êtes déconnecté.", (await session.SubmitAsync(home, "Se déconnecter")).Text, StringComparison.Ordinal);
            Assert.Contains("/compte/connexion", (await copy.GetAsync("/mes-demandes", follow: false)).Location, StringComparison.Ordinal);
            copySwitch.Node = nodes.B;
            Assert.Contains("/compte/connexion", (await copy.GetAsync("/mes-demandes", follow: false)).Location, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Twenty_applicants_filing_at_once_half_on_each_node_get_distinct_gap_free_numbers_and_one_confirmation_email_each()
    {
        const int applicants = 20;
        var sessions = Enumerable.Range(0, applicants).Select(i => nodes.NewSession(i % 2 == 0 ? nodes.A : nodes.B)).ToList();
        try
        {
            var users = new TestUser[applicants];
            var reviews = await Task.WhenAll(sessions.Select(async (s, i) =>
            {
                users[i] = await TestUsers.SignUpAsync(s.Session, "Awa", $"Ouédraogo{i}");
                return await AttestationJourney.FillAsync(s.Session);
            }));
            var before = await CounterAsync();

            using var stop = new CancellationTokenSource();
            var dispatchers = nodes.Both.Select(n => DrainOutboxAsync(n, stop.Token)).ToList(); // besides each node's own job

            var filed = await Task.WhenAll(sessions.Select((s, i) => s.Session.SubmitAsync(reviews[i], "Déposer ma demande", [("declaration", "oui")])));
            var numbers = filed.Select(p => p.Url.Split('/').Last()).ToList();
            for (var i = 0; i < applicants; i++)
            {
                Assert.Contains($"Votre demande est déposée. Numéro de suivi : {numbers[i]}", filed[i].Text, StringComparison.Ordinal);
                Assert.Matches(@"^FP-2027-\d{6}$", numbers[i]);
            }

            // Distinct, and exactly the next twenty of the series: no gap, no duplicate.
            var sequence = numbers.Select(n => int.Parse(n[^6..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.Equal(Enumerable.Range(before + 1, applicants), sequence);
            Assert.Equal(before + applicants, await CounterAsync());
            Assert.Equal(0L, (long)(await nodes.A.ScalarAsync("""
                SELECT count(*) FROM generate_series(1, (SELECT last FROM tracking_counters WHERE prefix = 'FP' AND year = 2027)) n
                WHERE NOT EXISTS (SELECT 1 FROM requests WHERE number = 'FP-2027-' || lpad(n::text, 6, '0'))
                """))!);

            // Both nodes poll the outbox (their jobs every 200 ms, and the loops above): still one e-mail per filing.
            for (var i = 0; i < applicants; i++)
            {
                await nodes.A.Mailbox.WaitForAsync(users[i].Email, $"Demande {numbers[i]} déposée");
            }

            await Task.Delay(TimeSpan.FromSeconds(1)); // five more polls of each node: a duplicate would have arrived
            await stop.CancelAsync();
            await Task.WhenAll(dispatchers);
            for (var i = 0; i < applicants; i++)
            {
                Assert.Single(nodes.A.Mailbox.To(users[i].Email), m => (m.Subject ?? "").Contains("déposée", StringComparison.Ordinal));
            }
        }
        finally
        {
            sessions.ForEach(s => s.Session.Dispose());
        }
    }

    private static async Task SignInAsync(WebSession session, TestUser user)
    {
        var mine = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", user.Email), ("Password", user.Password)]);
        Assert.Equal("Mes demandes", mine.Html.QuerySelector("h1")!.TextContent);
    }

    private async Task<int> CounterAsync() =>
        (int)(await nodes.A.ScalarAsync("SELECT coalesce((SELECT last FROM tracking_counters WHERE prefix = 'FP' AND year = 2027), 0)"))!;

    private static async Task DrainOutboxAsync(HostFixture node, CancellationToken stop)
    {
        var job = node.Services.GetServices<IHostedService>().OfType<EmailDispatchJob>().Single();
        while (!stop.IsCancellationRequested)
        {
            await job.RunOnceAsync(CancellationToken.None);
            await Task.Delay(25, CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_catalogue_change_saved_on_one_node_empties_the_page_cache_of_the_other()
    {
        var (admin, _) = nodes.NewSession(nodes.A);
        using var __ = admin;
        await TestStaff.SignInAsync(nodes.A, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, slug) = await FormBuilderTests.NewProcedureAsync(nodes.A, admin, "Demande de détachement");
        var (visitor, _) = nodes.NewSession(nodes.B);
        using var ___ = visitor;
        Assert.Contains("Demande de détachement", (await visitor.GetAsync($"/demarches/{slug}")).Html.Title, StringComparison.Ordinal); // now in B's cache

        await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}"), "Enregistrer la fiche", [("Title", "Demande de détachement auprès d'un organisme")]);

        // The notification reaches B a moment after A's commit; B's cache would otherwise keep the old title for a minute.
        var title = "";
        for (var wait = 0; wait < 50 && !title.Contains("auprès d'un organisme", StringComparison.Ordinal); wait++)
        {
            await Task.Delay(100);
            title = (await visitor.GetAsync($"/demarches/{slug}")).Html.Title ?? "";
        }

        Assert.Contains("Demande de détachement auprès d'un organisme", title, StringComparison.Ordinal);
    }
}
