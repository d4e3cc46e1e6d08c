using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Sms;

/// <summary>The portal of the other tests: no gateway configured, not in Development.</summary>
[Collection(WebCollection.Name)]
public sealed class SmsOutsideDevelopmentTests(HostFixture host)
{
    [Fact]
    public async Task The_development_sms_page_does_not_exist_outside_development()
    {
        using var session = host.NewSession();
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/dev/sms")).Status);
        // Without its form's token a POST is refused first, as everywhere.
        var post = await session.Client.PostAsync("/dev/sms", new FormUrlEncodedContent([new("From", "70123456"), new("Text", "AIDE")]));
        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
    }

    [Fact]
    public async Task Without_a_callback_secret_the_gateway_callbacks_are_refused()
    {
        using var session = host.NewSession();
        session.Client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("kannel:"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("/sms/incoming?from=%2B22670123456&text=AIDE")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("/sms/dlr?id=1&s=1&sig=")).StatusCode);
    }

    [Fact]
    public async Task Without_a_gateway_sms_wait_in_the_outbox()
    {
        using var session = host.NewSession();
        var phone = TestSms.NewPhone();
        await host.ScalarAsync(
            "INSERT INTO outbox_sms (\"to\", text, coding, parts, kind, created_at, next_attempt_at, attempts, delivery) VALUES (@to, 'Avis', 'Gsm7', 1, 'Notice', now(), now(), 0, 'Waiting')",
            ("to", phone.Replace(" ", "", StringComparison.Ordinal)));
        await Task.Delay(500); // several passes of a job that would send it
        Assert.Equal(0, await host.ScalarAsync("SELECT attempts FROM outbox_sms WHERE \"to\" = @to", ("to", phone.Replace(" ", "", StringComparison.Ordinal))));
    }
}
