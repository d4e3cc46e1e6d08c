using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Accounts;

/// <summary>Review of issue 16 finding 2: the limits of SMS codes hold when the posts come all at once.</summary>
[Collection(WebCollection.Name)]
public sealed class PhoneCodesInParallelTests(HostFixture host)
{
    [Fact]
    public async Task Ten_resends_at_once_queue_no_more_than_three_codes_for_one_number()
    {
        using var session = host.NewSession();
        var phone = TestSms.NewPhone();
        var page = await session.SubmitAsync(await session.GetAsync("/compte/inscription"), "Créer mon compte",
            [("LastName", "Sawadogo"), ("FirstNames", "Rasmata"), ("Email", ""), ("Phone", phone), ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password)]);
        Assert.Single(await TestSms.ToAsync(host, phone));

        var resent = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => session.SubmitAsync(page, "Renvoyer le code")));

        Assert.Equal(3, (await TestSms.ToAsync(host, phone)).Count);
        Assert.Equal(2, resent.Count(r => r.Status == HttpStatusCode.OK));
        Assert.Equal(8, resent.Count(r => r.Status == HttpStatusCode.TooManyRequests));
    }
}
