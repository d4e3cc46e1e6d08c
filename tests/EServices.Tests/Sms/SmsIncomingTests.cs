using System.Net;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Sms;

namespace EServices.Tests.Sms;

/// <summary>SMS sent to the portal through the real Kannel: SUIVI, the neutral answer, help, the per-sender limit, forged callbacks, the development SMS page.</summary>
[Collection(SmsGatewayCollection.Name)]
public sealed class SmsIncomingTests(SmsGateway gateway)
{
    private SmsHost Host => gateway.Host;
    private FakeSmsCentre Centre => gateway.Centre;

    [Fact]
    public async Task A_forged_incoming_message_without_the_shared_secret_is_refused_and_not_recorded()
    {
        var phone = TestSms.NewPhone();
        using var client = gateway.Client();
        var url = $"/sms/incoming?from={Uri.EscapeDataString(SmsGateway.E164(phone))}&to=22600&text=AIDE&id={Guid.NewGuid()}";
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("kannel:devine"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(url)).StatusCode);
        Assert.Equal(0L, await Host.ScalarAsync("SELECT count(*) FROM incoming_sms WHERE \"from\" = @from", ("from", SmsGateway.E164(phone))));
        Assert.Empty(await TestSms.ToAsync(Host, phone));
    }

    [Fact]
    public async Task Suivi_from_the_applicants_confirmed_number_gets_the_status_and_expected_decision_date()
    {
        var (phone, number) = await gateway.FiledRequestWithConfirmedPhoneAsync();
        var due = (DateOnly)(await Host.ScalarAsync("SELECT due_on FROM requests WHERE number = @n", ("n", number)))!;

        await Centre.SendAsync(SmsGateway.E164(phone), "22600", $"suivi  {number}");

        var answer = Assert.Single(await Centre.WaitForAsync(SmsGateway.E164(phone)));
        Assert.StartsWith($"Demande {number} : Déposée. Décision attendue au plus tard le {due:dd/MM/yyyy}.", answer.Text, StringComparison.Ordinal);
        Assert.Contains($"/d/{number}", answer.Text, StringComparison.Ordinal);
        Assert.Equal("status", await Host.ScalarAsync("SELECT outcome FROM incoming_sms WHERE \"from\" = @f", ("f", SmsGateway.E164(phone))));
    }

    [Fact]
    public async Task Suivi_with_accents_no_dashes_and_a_national_sender_number_is_understood()
    {
        var (phone, number) = await gateway.FiledRequestWithConfirmedPhoneAsync();
        var national = SmsGateway.E164(phone)[4..];
        Assert.Equal(HttpStatusCode.OK, await gateway.IncomingAsync("226" + national, $"  Suívi   {number.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant()} "));

        var answer = await TestSms.LastToAsync(Host, phone);
        Assert.StartsWith($"Demande {number} : Déposée.", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suivi_from_another_number_gets_a_neutral_answer_that_does_not_tell_whether_the_request_exists()
    {
        var (_, number) = await gateway.FiledRequestWithConfirmedPhoneAsync();
        var (stranger, other) = (TestSms.NewPhone(), TestSms.NewPhone());
        const string Missing = "AT-2099-999999";

        await Centre.SendAsync(SmsGateway.E164(stranger), "22600", $"SUIVI {number}");
        await Centre.SendAsync(SmsGateway.E164(other), "22600", $"SUIVI {Missing}");

        var aboutExisting = Assert.Single(await Centre.WaitForAsync(SmsGateway.E164(stranger))).Text;
        var aboutMissing = Assert.Single(await Centre.WaitForAsync(SmsGateway.E164(other))).Text;
        Assert.Equal(aboutMissing.Replace(Missing, "N", StringComparison.Ordinal), aboutExisting.Replace(number, "N", StringComparison.Ordinal));
        Assert.DoesNotContain("Déposée", aboutExisting, StringComparison.Ordinal);
        Assert.Contains("aucune demande", aboutExisting, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_keyword_gets_the_help_text()
    {
        var phone = TestSms.NewPhone();
        await Centre.SendAsync(SmsGateway.E164(phone), "22600", "Bonjour, où en est mon dossier ?");

        var help = Assert.Single(await Centre.WaitForAsync(SmsGateway.E164(phone)));
        Assert.Contains("envoyez SUIVI suivi de son numéro", help.Text, StringComparison.Ordinal);
        Assert.True(help.Parts == 1 && help.Coding == SmsCoding.Gsm7);
    }

    [Fact]
    public async Task A_sender_over_the_limit_is_recorded_but_not_answered_and_a_repeated_callback_is_answered_once()
    {
        var phone = TestSms.NewPhone();
        var repeated = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.OK, await gateway.IncomingAsync(SmsGateway.E164(phone), "AIDE", repeated));
        Assert.Equal(HttpStatusCode.OK, await gateway.IncomingAsync(SmsGateway.E164(phone), "AIDE", repeated));
        Assert.Single(await TestSms.ToAsync(Host, phone));

        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await gateway.IncomingAsync("00" + SmsGateway.E164(phone)[1..], "AIDE"));
        }

        Assert.Equal(IncomingMessage.PerSender, (await TestSms.ToAsync(Host, phone)).Count);
        Assert.Equal(7L, await Host.ScalarAsync("SELECT count(*) FROM incoming_sms WHERE \"from\" = @f", ("f", SmsGateway.E164(phone))));
        Assert.Equal(2L, await Host.ScalarAsync("SELECT count(*) FROM incoming_sms WHERE \"from\" = @f AND outcome = 'limited'", ("f", SmsGateway.E164(phone))));
    }

    [Fact]
    public async Task Messages_of_one_sender_arriving_together_are_answered_within_the_limit()
    {
        var phone = TestSms.NewPhone();
        var calls = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => gateway.IncomingAsync(SmsGateway.E164(phone), "AIDE")));

        Assert.All(calls, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(IncomingMessage.PerSender, (await TestSms.ToAsync(Host, phone)).Count);
        Assert.Equal(20L - IncomingMessage.PerSender, await Host.ScalarAsync("SELECT count(*) FROM incoming_sms WHERE \"from\" = @f AND outcome = 'limited'", ("f", SmsGateway.E164(phone))));
    }

    [Theory]
    [InlineData("SUIVI FP-2027-١٢٣")]
    [InlineData("suivi AT-٢٠٢٧-000001")]
    [InlineData("SUIVI FP-２０２７-０００１２３")]
    public async Task Suivi_with_digits_of_another_script_gets_the_help_text_and_is_recorded(string text)
    {
        var phone = TestSms.NewPhone();
        Assert.Equal(HttpStatusCode.OK, await gateway.IncomingAsync(SmsGateway.E164(phone), text));

        Assert.Contains("envoyez SUIVI suivi de son numéro", (await TestSms.LastToAsync(Host, phone)).Text, StringComparison.Ordinal);
        Assert.Equal("help", await Host.ScalarAsync("SELECT outcome FROM incoming_sms WHERE \"from\" = @f AND text = @t", ("f", SmsGateway.E164(phone)), ("t", text)));
    }

    [Fact]
    public async Task The_development_sms_page_lists_the_sms_and_texts_the_portal_through_kannel()
    {
        var phone = TestSms.NewPhone();
        await gateway.QueueAsync(phone, "Avis visible sur la page");
        await SmsGateway.WaitUntilAsync(async () => (bool)(await Host.ScalarAsync("SELECT sent_at IS NOT NULL FROM outbox_sms WHERE \"to\" = @to", ("to", SmsGateway.E164(phone))))!);
        using var session = gateway.Node.NewSession();
        var page = await session.GetAsync("/dev/sms");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = page.Html.QuerySelectorAll("tr").Single(r => r.TextContent.Contains(SmsGateway.E164(phone), StringComparison.Ordinal)).TextContent;
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
        Assert.Contains("SUIVI", Assert.Single(await Centre.WaitForAsync(SmsGateway.E164(sender))).Text, StringComparison.Ordinal);
    }
}
