using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Tests.Workflow;

namespace EServices.Tests.Features.BackOffice;

/// <summary>Issue 16: staff see each SMS sent about a request and where it stands, as the gateway reported it.</summary>
[Collection(WebCollection.Name)]
public sealed class SmsTimelineTests(HostFixture host)
{
    [Fact]
    public async Task The_request_page_lists_its_sms_with_a_masked_number_and_their_delivery_for_staff_only()
    {
        using var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant);
        var phone = await SmsNoticeTests.ConfirmPhoneAsync(host, user.Email, NoticeChannels.Sms);
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        var written = await agent.SubmitAsync(taken, "Envoyer le message", [("texte", "Pouvez-vous préciser votre service ?")]);
        written = await agent.SubmitAsync(written, "Envoyer le message", [("texte", "Et votre matricule ?")]);
        await agent.SubmitAsync(written, "Accepter la demande");

        // The gateway's reports, as the dispatch job and the delivery-report endpoint record them.
        var ids = (await TestSms.ToAsync(host, phone)).Select(s => s.Id).ToList();
        Assert.Equal(5, ids.Count);
        var states = new[] { "Delivered", "Transmitted", "Accepted", "Failed" };
        for (var i = 0; i < states.Length; i++)
        {
            await host.ScalarAsync("UPDATE outbox_sms SET delivery = @d, sent_at = @at, delivery_at = CASE WHEN @d = 'Accepted' THEN NULL ELSE @at + interval '2 minutes' END WHERE id = @id",
                ("d", states[i]), ("at", HostFixture.Now.AddMinutes(10 * i)), ("id", ids[i]));
        }

        var page = await agent.GetAsync($"/back-office/demandes/{number}");
        var timeline = page.Html.QuerySelectorAll(".timeline li").Select(li => (Sms: li.ClassList.Contains("sms"), Text: string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))).ToList();
        var lines = timeline.Where(l => l.Sms).Select(l => l.Text).ToList();
        // Among the request's moves: the notice of the filing right after the filing.
        var filed = timeline.FindIndex(l => l.Text.Contains("Brouillon → Déposée", StringComparison.Ordinal));
        Assert.True(filed >= 0 && timeline[filed + 1].Sms, string.Join('\n', timeline));
        var masked = $"+226 ** ** ** {phone[^2..]}";
        // Each line starts with when the SMS was queued (the host's clock, which other tests move).
        Assert.All(lines, line => Assert.Matches(@"^\d\d/\d\d/2027 \d\d:\d\d — ", line));
        Assert.Equal(
        [
            $"SMS, avis de la demande au {masked} : Remis le 26/03/2027 10:02.",
            $"SMS, avis de la demande au {masked} : Transmis à l'opérateur le 26/03/2027 10:12.",
            $"SMS, avis de la demande au {masked} : Accepté par la passerelle le 26/03/2027 10:20.",
            $"SMS, avis de la demande au {masked} : Échec le 26/03/2027 10:32.",
            $"SMS, avis de la demande au {masked} : En attente.",
        ], lines.Select(line => line["dd/MM/yyyy HH:mm — ".Length..]));

        var mine = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.DoesNotContain("SMS, avis", mine.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Transmis à l'opérateur", mine.Text, StringComparison.Ordinal);
    }
}
