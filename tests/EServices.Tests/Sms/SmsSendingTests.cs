using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Tests.Workflow;
using EServices.Web.Infrastructure.Sms;

namespace EServices.Tests.Sms;

/// <summary>SMS through the real Kannel: what reaches the operator's SMS centre (recipient, text, encoding, parts), the delivery reports, an outage of the gateway.</summary>
[Collection(SmsGatewayCollection.Name)]
public sealed class SmsSendingTests(SmsGateway gateway)
{
    private SmsHost Host => gateway.Host;
    private FakeSmsCentre Centre => gateway.Centre;

    [Fact]
    public async Task A_notice_reaches_the_sms_centre_once_with_its_text_and_is_marked_delivered()
    {
        var phone = TestSms.NewPhone();
        var id = await gateway.QueueAsync(phone, "Votre demande AT-2027-000001 a été déposée. Suivez-la sur le portail.");

        var sms = Assert.Single(await Centre.WaitForAsync(SmsGateway.E164(phone)));
        Assert.Equal(new ReceivedSms("22600", SmsGateway.E164(phone), "Votre demande AT-2027-000001 a été déposée. Suivez-la sur le portail.", SmsCoding.Gsm7, 1), sms);
        // Kannel's fake centre reports 8 (taken) then 1 (delivered); the portal keeps the last.
        await SmsGateway.WaitUntilAsync(async () => await gateway.DeliveryAsync(id) == "Delivered");
        Assert.Single(Centre.To(SmsGateway.E164(phone)));
    }

    [Fact]
    public async Task A_long_notice_arrives_in_two_parts_and_another_script_in_ucs2()
    {
        var (gsm, cyrillic, longCyrillic) = (TestSms.NewPhone(), TestSms.NewPhone(), TestSms.NewPhone());
        var longText = "Complément demandé pour AT-2027-000002 : " + string.Concat(Enumerable.Repeat("pièce illisible, ", 9)) + "fin.";
        await gateway.QueueAsync(gsm, longText);
        await gateway.QueueAsync(cyrillic, "Заявка принята");
        await gateway.QueueAsync(longCyrillic, string.Concat(Enumerable.Repeat("Заявка ", 12)).Trim());

        var two = Assert.Single(await Centre.WaitForAsync(SmsGateway.E164(gsm)));
        Assert.Equal((longText, SmsCoding.Gsm7, 2), (two.Text, two.Coding, two.Parts));
        var ucs2 = Assert.Single(await Centre.WaitForAsync(SmsGateway.E164(cyrillic)));
        Assert.Equal(("Заявка принята", SmsCoding.Ucs2, 1), (ucs2.Text, ucs2.Coding, ucs2.Parts));
        var ucs2Parts = Assert.Single(await Centre.WaitForAsync(SmsGateway.E164(longCyrillic)));
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
            ids = [await gateway.QueueAsync(phone, "Avis 1"), await gateway.QueueAsync(phone, "Avis 2"), await gateway.QueueAsync(phone, "Avis 3")];
            // Tried, refused by the closed port, postponed: waiting in the outbox, not lost.
            await SmsGateway.WaitUntilAsync(async () => (long)(await Host.ScalarAsync(
                "SELECT count(*) FROM outbox_sms WHERE id = ANY(@ids) AND attempts >= 1 AND sent_at IS NULL AND last_error IS NOT NULL", ("ids", ids)))! == 3);
        }
        finally
        {
            await gateway.Kannel.StartAsync();
        }

        var arrived = await Centre.WaitForAsync(SmsGateway.E164(phone), 3, TimeSpan.FromSeconds(45));
        await SmsGateway.WaitUntilAsync(async () => (long)(await Host.ScalarAsync(
            "SELECT count(*) FROM outbox_sms WHERE id = ANY(@ids) AND delivery = 'Delivered'", ("ids", ids)))! == 3);
        Assert.Equal(["Avis 1", "Avis 2", "Avis 3"], Centre.To(SmsGateway.E164(phone)).Select(s => s.Text).Order());
        Assert.Equal(3, arrived.Count);
    }

    [Fact]
    public async Task A_request_filed_while_kannel_is_stopped_is_filed_and_its_sms_arrives_once_kannel_is_back()
    {
        using var applicant = gateway.Node.NewSession();
        var user = await TestUsers.SignUpAsync(applicant);
        var phone = SmsGateway.E164(await SmsNoticeTests.ConfirmPhoneAsync(Host, user.Email, NoticeChannels.Sms));
        await gateway.Kannel.StopAsync();
        string number;
        try
        {
            number = await AttestationJourney.FileAsync(applicant);
            Assert.Equal("Submitted", await Host.ScalarAsync("SELECT status FROM requests WHERE number = @n", ("n", number)));
            // Its SMS was tried, refused by the closed port, and waits.
            await SmsGateway.WaitUntilAsync(async () => (long)(await Host.ScalarAsync(
                "SELECT count(*) FROM outbox_sms WHERE \"to\" = @to AND attempts >= 1 AND sent_at IS NULL AND last_error IS NOT NULL", ("to", phone)))! == 1);
        }
        finally
        {
            await gateway.Kannel.StartAsync();
        }

        var sms = Assert.Single(await Centre.WaitForAsync(phone, timeout: TimeSpan.FromSeconds(45)));
        Assert.StartsWith($"Demande {number} bien recue.", sms.Text, StringComparison.Ordinal);
        await SmsGateway.WaitUntilAsync(async () => (long)(await Host.ScalarAsync("SELECT count(*) FROM outbox_sms WHERE \"to\" = @to AND delivery = 'Delivered'", ("to", phone)))! == 1);
        Assert.Single(Centre.To(phone));
    }

    [Fact]
    public async Task A_delivery_report_without_the_portals_signature_is_refused_and_changes_nothing()
    {
        var id = await gateway.QueueAsync(TestSms.NewPhone(), "Avis");
        using var client = gateway.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/sms/dlr?id={id}&s=2")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/sms/dlr?id={id}&s=2&sig=AAAA")).StatusCode);
        var otherSecret = SmsCallbacks.Sign("another secret", id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/sms/dlr?id={id}&s=2&sig={otherSecret}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/sms/dlr?id=abc&s=2&sig={otherSecret}")).StatusCode);
        Assert.NotEqual("Failed", await gateway.DeliveryAsync(id));
    }

    [Fact]
    public async Task A_signed_delivery_report_for_an_unknown_sms_is_acknowledged_and_failures_are_kept()
    {
        using var client = gateway.Client();
        var unknown = await client.GetAsync($"/sms/dlr?id=987654321&s=1&sig={gateway.Sign(987654321)}");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode); // a 2xx stops Kannel's retries
        Assert.Empty(await unknown.Content.ReadAsStringAsync());

        var id = await gateway.QueueAsync(TestSms.NewPhone(), "Avis");
        await SmsGateway.WaitUntilAsync(async () => await gateway.DeliveryAsync(id) == "Delivered");
        // A late "not delivered" never takes back a delivery; on an SMS not yet delivered it is shown, once.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/sms/dlr?id={id}&s=16&sig={gateway.Sign(id)}")).StatusCode);
        Assert.Equal("Delivered", await gateway.DeliveryAsync(id));
        await Host.ScalarAsync("UPDATE outbox_sms SET delivery = 'Accepted' WHERE id = @id", ("id", id));
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/sms/dlr?id={id}&s=2&sig={gateway.Sign(id)}")).StatusCode);
        }

        Assert.Equal("Failed", await gateway.DeliveryAsync(id));
        Assert.Equal("rapport de remise 2", await Host.ScalarAsync("SELECT last_error FROM outbox_sms WHERE id = @id", ("id", id)));
    }
}
