using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Data;
using EServices.Web.Features.Sms;
using EServices.Web.Infrastructure.Sms;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Sms;

/// <summary>SMS through the real Kannel: what reaches the operator's SMS centre (recipient, text, encoding, parts), the
/// delivery reports, an outage of the gateway, and the SMS applicants send to the portal.</summary>
public sealed class SmsGatewayTests(SmsGateway gateway) : IClassFixture<SmsGateway>
{
    private SmsHost Host => gateway.Host;
    private FakeSmsCentre Centre => gateway.Centre;

    [Fact]
    public async Task A_notice_reaches_the_sms_centre_once_with_its_text_and_is_marked_delivered()
    {
        var phone = TestSms.NewPhone();
        var id = await QueueAsync(phone, "Votre demande AT-2027-000001 a été déposée. Suivez-la sur le portail.");

        var sms = Assert.Single(await Centre.WaitForAsync(E164(phone)));
        Assert.Equal(new ReceivedSms("22600", E164(phone), "Votre demande AT-2027-000001 a été déposée. Suivez-la sur le portail.", SmsCoding.Gsm7, 1), sms);
        // Kannel's fake centre reports 8 (taken) then 1 (delivered); the portal keeps the last.
        await WaitUntilAsync(async () => await DeliveryAsync(id) == "Delivered");
        Assert.Single(Centre.To(E164(phone)));
    }

    [Fact]
    public async Task A_long_notice_arrives_in_two_parts_and_another_script_in_ucs2()
    {
        var (gsm, cyrillic, longCyrillic) = (TestSms.NewPhone(), TestSms.NewPhone(), TestSms.NewPhone());
        var longText = "Complément demandé pour AT-2027-000002 : " + string.Concat(Enumerable.Repeat("pièce illisible, ", 9)) + "fin.";
        await QueueAsync(gsm, longText);
        await QueueAsync(cyrillic, "Заявка принята");
        await QueueAsync(longCyrillic, string.Concat(Enumerable.Repeat("Заявка ", 12)).Trim());

        var two = Assert.Single(await Centre.WaitForAsync(E164(gsm)));
        Assert.Equal((longText, SmsCoding.Gsm7, 2), (two.Text, two.Coding, two.Parts));
        var ucs2 = Assert.Single(await Centre.WaitForAsync(E164(cyrillic)));
        Assert.Equal(("Заявка принята", SmsCoding.Ucs2, 1), (ucs2.Text, ucs2.Coding, ucs2.Parts));
        var ucs2Parts = Assert.Single(await Centre.WaitForAsync(E164(longCyrillic)));
        Assert.Equal((SmsCoding.Ucs2, 2), (ucs2Parts.Coding, ucs2Parts.Parts));
        Assert.StartsWith("Заявка Заявка", ucs2Parts.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sms_queued_while_kannel_is_stopped_all_arrive_once_it_is_back()
    {
        var phone = TestSms.NewPhone();
        await gateway.Kannel.StopAsync();
        long[] ids;
        try
        {
            ids = [await QueueAsync(phone, "Avis 1"), await QueueAsync(phone, "Avis 2"), await QueueAsync(phone, "Avis 3")];
            // Tried, refused by the closed port, postponed: waiting in the outbox, not lost.
            await WaitUntilAsync(async () => (long)(await Host.ScalarAsync(
                "SELECT count(*) FROM outbox_sms WHERE id = ANY(@ids) AND attempts >= 1 AND sent_at IS NULL AND last_error IS NOT NULL", ("ids", ids)))! == 3);
        }
        finally
        {
            await gateway.Kannel.StartAsync();
        }

        var arrived = await Centre.WaitForAsync(E164(phone), 3, TimeSpan.FromSeconds(45));
        await WaitUntilAsync(async () => (long)(await Host.ScalarAsync(
            "SELECT count(*) FROM outbox_sms WHERE id = ANY(@ids) AND delivery = 'Delivered'", ("ids", ids)))! == 3);
        Assert.Equal(["Avis 1", "Avis 2", "Avis 3"], Centre.To(E164(phone)).Select(s => s.Text).Order());
        Assert.Equal(3, arrived.Count);
    }

    [Fact]
    public async Task A_delivery_report_without_the_portals_signature_is_refused_and_changes_nothing()
    {
        var id = await QueueAsync(TestSms.NewPhone(), "Avis");
        using var client = Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/sms/dlr?id={id}&s=2")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/sms/dlr?id={id}&s=2&sig=AAAA")).StatusCode);
        var otherSecret = SmsCallbacks.Sign("another secret", id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/sms/dlr?id={id}&s=2&sig={otherSecret}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/sms/dlr?id=abc&s=2&sig={otherSecret}")).StatusCode);
        Assert.NotEqual("Failed", await DeliveryAsync(id));
    }

    [Fact]
    public async Task A_signed_delivery_report_for_an_unknown_sms_is_acknowledged_and_failures_are_kept()
    {
        using var client = Client();
        var unknown = await client.GetAsync($"/sms/dlr?id=987654321&s=1&sig={Sign(987654321)}");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode); // a 2xx stops Kannel's retries
        Assert.Empty(await unknown.Content.ReadAsStringAsync());

        var id = await QueueAsync(TestSms.NewPhone(), "Avis");
        await WaitUntilAsync(async () => await DeliveryAsync(id) == "Delivered");
        // A late "not delivered" never takes back a delivery; on an SMS not yet delivered it is shown, once.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/sms/dlr?id={id}&s=16&sig={Sign(id)}")).StatusCode);
        Assert.Equal("Delivered", await DeliveryAsync(id));
        await Host.ScalarAsync("UPDATE outbox_sms SET delivery = 'Accepted' WHERE id = @id", ("id", id));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/sms/dlr?id={id}&s=2&sig={Sign(id)}")).StatusCode);
        }

        Assert.Equal("Failed", await DeliveryAsync(id));
        Assert.Equal("rapport de remise 2", await Host.ScalarAsync("SELECT last_error FROM outbox_sms WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_forged_incoming_message_without_the_shared_secret_is_refused_and_not_recorded()
    {
        var phone = TestSms.NewPhone();
        using var client = Client();
        var url = $"/sms/incoming?from={Uri.EscapeDataString(E164(phone))}&to=22600&text=AIDE&id={Guid.NewGuid()}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("kannel:devine"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(0L, await Host.ScalarAsync("SELECT count(*) FROM incoming_sms WHERE \"from\" = @from", ("from", E164(phone))));
        Assert.Empty(await TestSms.ToAsync(Host, phone));
    }

    [Fact]
    public async Task Suivi_from_the_applicants_confirmed_number_gets_the_status_and_expected_decision_date()
    {
        var (phone, number) = await FiledRequestWithConfirmedPhoneAsync();
        var due = (DateOnly)(await Host.ScalarAsync("SELECT due_on FROM requests WHERE number = @n", ("n", number)))!;

        await Centre.SendAsync(E164(phone), "22600", $"suivi  {number}");

        var answer = Assert.Single(await Centre.WaitForAsync(E164(phone)));
        Assert.StartsWith($"Demande {number} : Déposée. Décision attendue au plus tard le {due:dd/MM/yyyy}.", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"/mes-demandes/{number}", answer.Text, StringComparison.Ordinal);
        Assert.Equal("status", await Host.ScalarAsync("SELECT outcome FROM incoming_sms WHERE \"from\" = @f", ("f", E164(phone))));
    }

    [Fact]
    public async Task Suivi_with_accents_no_dashes_and_a_national_sender_number_is_understood()
    {
        var (phone, number) = await FiledRequestWithConfirmedPhoneAsync();
        var national = E164(phone)[4..];
        Assert.Equal(HttpStatusCode.OK, await IncomingAsync("226" + national, $"  Suívi   {number.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()} "));

        var answer = await TestSms.LastToAsync(Host, phone);
        Assert.StartsWith($"Demande {number} : Déposée.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suivi_from_another_number_gets_a_neutral_answer_that_does_not_tell_whether_the_request_exists()
    {
        var (_, number) = await FiledRequestWithConfirmedPhoneAsync();
        var (stranger, other) = (TestSms.NewPhone(), TestSms.NewPhone());
        const string Missing = "AT-2099-999999";

        await Centre.SendAsync(E164(stranger), "22600", $"SUIVI {number}");
        await Centre.SendAsync(E164(other), "22600", $"SUIVI {Missing}");

        var aboutExisting = Assert.Single(await Centre.WaitForAsync(E164(stranger))).Text;
        var aboutMissing = Assert.Single(await Centre.WaitForAsync(E164(other))).Text;
        Assert.Equal(aboutMissing.Replace(Missing, "N", StringComparison.Ordinal), aboutExisting.Replace(number, "N", StringComparison.Ordinal));
        Assert.DoesNotContain("Déposée", aboutExisting, StringComparison.Ordinal);
        Assert.Contains("aucune demande", aboutExisting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_keyword_gets_the_help_text()
    {
        var phone = TestSms.NewPhone();
        await Centre.SendAsync(E164(phone), "22600", "Bonjour, où en est mon dossier ?");

        var help = Assert.Single(await Centre.WaitForAsync(E164(phone)));
        Assert.Contains("envoyez SUIVI suivi de son numéro", help.Text, StringComparison.Ordinal);
        Assert.True(help.Parts == 1 && help.Coding == SmsCoding.Gsm7);
    }

    [Fact]
    public async Task A_sender_over_the_limit_is_recorded_but_not_answered_and_a_repeated_callback_is_answered_once()
    {
        var phone = TestSms.NewPhone();
        var repeated = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, await IncomingAsync(E164(phone), "AIDE", repeated));
        Assert.Equal(HttpStatusCode.OK, await IncomingAsync(E164(phone), "AIDE", repeated));
        Assert.Single(await TestSms.ToAsync(Host, phone));

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await IncomingAsync("00" + E164(phone)[1..], "AIDE"));
        }

        Assert.Equal(IncomingMessage.PerSender, (await TestSms.ToAsync(Host, phone)).Count);
        Assert.Equal(7L, await Host.ScalarAsync("SELECT count(*) FROM incoming_sms WHERE \"from\" = @f", ("f", E164(phone))));
        Assert.Equal(2L, await Host.ScalarAsync("SELECT count(*) FROM incoming_sms WHERE \"from\" = @f AND outcome = 'limited'", ("f", E164(phone))));
    }

    [Fact]
    public async Task The_development_sms_page_lists_the_sms_and_texts_the_portal_through_kannel()
    {
        var phone = TestSms.NewPhone();
        await QueueAsync(phone, "Avis visible sur la page");
        await WaitUntilAsync(async () => (bool)(await Host.ScalarAsync("SELECT sent_at IS NOT NULL FROM outbox_sms WHERE \"to\" = @to", ("to", E164(phone))))!);
        using var session = gateway.Node.NewSession();
        var page = await session.GetAsync("/dev/sms");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = page.Html.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(E164(phone), StringComparison.Ordinal)).TextContent;
        Assert.Contains("Avis visible sur la page", row, StringComparison.Ordinal);
        Assert.Contains("GSM-7", row, StringComparison.Ordinal);

        var refused = await session.SubmitAsync(page, "Envoyer au portail", [("From", "70 12"), ("Text", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("+226 suivi de 8 chiffres", refused.ErrorFor("From"), StringComparison.Ordinal);
        Assert.Contains("Saisissez le texte", refused.ErrorFor("Text"), StringComparison.Ordinal);
        Assert.Equal("70 12", refused.ValueOf("From"));

        var sender = TestSms.NewPhone();
        var sent = await session.SubmitAsync(refused, "Envoyer au portail", [("From", sender), ("Text", "AIDE")]);
        Assert.Contains("SMS remis au faux centre SMS", sent.Text, StringComparison.Ordinal);
        Assert.Contains("SUIVI", Assert.Single(await Centre.WaitForAsync(E164(sender))).Text, StringComparison.Ordinal);
    }

    private async Task<(string Phone, string Number)> FiledRequestWithConfirmedPhoneAsync()
    {
        using var session = gateway.Node.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        var number = await AttestationJourney.FileAsync(session);
        var phone = TestSms.NewPhone();
        FieldRules.TryPhone(phone, out var stored);
        // Signing up by phone is another feature: the confirmed number is set as it would leave it.
        await Host.ScalarAsync("UPDATE \"AspNetUsers\" SET phone_number = @p, phone_number_confirmed = true WHERE email = @e", ("p", stored), ("e", user.Email));
        return (phone, number);
    }

    private async Task<HttpStatusCode> IncomingAsync(string from, string text, string? id = null)
    {
        using var client = Client();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("kannel:" + gateway.Kannel.CallbackSecret)));
        var response = await client.GetAsync($"/sms/incoming?from={Uri.EscapeDataString(from)}&to=22600&text={Uri.EscapeDataString(text)}&id={id ?? Guid.NewGuid().ToString()}");
        return response.StatusCode;
    }

    private async Task<long> QueueAsync(string phone, string text)
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(scope.ServiceProvider.GetRequiredService<SmsOutbox>().Enqueue(phone, text, SmsKind.Notice));
        await db.SaveChangesAsync();
        return db.OutboxSms.Local.Single().Id;
    }

    private async Task<string?> DeliveryAsync(long id) =>
        (string?)await Host.ScalarAsync("SELECT delivery FROM outbox_sms WHERE id = @id", ("id", id));

    private string Sign(long id) => SmsCallbacks.Sign(gateway.Kannel.CallbackSecret, id);

    private HttpClient Client() => new() { BaseAddress = Host.BaseAddress };

    private static string E164(string phone) => FieldRules.TryPhone(phone, out var canonical)
        ? canonical.Replace(" ", "", StringComparison.Ordinal)
        : throw new ArgumentException(phone);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "Timed out waiting for the SMS gateway.");
            await Task.Delay(100);
        }
    }
}
