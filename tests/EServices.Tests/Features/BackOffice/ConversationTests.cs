using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

[Collection(WebCollection.Name)]
public sealed class ConversationTests(HostFixture host)
{
    [Fact]
    public async Task Agent_and_applicant_exchange_messages_and_private_notes_stay_with_staff()
    {
        using var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var file = await agent.GetAsync($"/back-office/demandes/{number}");

        var empty = await agent.SubmitAsync(file, "Envoyer le message", [("texte", " ")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("Écrivez votre message avant de l'envoyer.", empty.Html.QuerySelector("#texte-erreur")!.TextContent);

        var noted = await agent.SubmitAsync(empty, "Enregistrer la note", [("note", "Vérifier la date de prise de service auprès de la DRH.")]);
        Assert.Contains("Note enregistrée", noted.Text, StringComparison.Ordinal);
        var sent = await agent.SubmitAsync(noted, "Envoyer le message", [("texte", "Votre bulletin date de 2019 : en avez-vous un plus récent ?")]);
        Assert.Contains("Message envoyé au demandeur.", sent.Text, StringComparison.Ordinal);
        Assert.Contains("(note interne)", sent.Text, StringComparison.Ordinal);

        var email = await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : nouveau message");
        Assert.Contains("Votre bulletin date de 2019", email.TextBody, StringComparison.Ordinal);

        var mine = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.Contains("Votre bulletin date de 2019", mine.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Vérifier la date de prise de service", mine.Text, StringComparison.Ordinal);
        var replied = await applicant.SubmitAsync(mine, "Envoyer le message", [("texte", "Oui, je le joins dès demain.")]);
        Assert.Contains("Votre message est envoyé au service.", replied.Text, StringComparison.Ordinal);

        var thread = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Contains("Oui, je le joins dès demain.", thread.Text, StringComparison.Ordinal);
        Assert.Contains("(demandeur)", thread.Text, StringComparison.Ordinal);

        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other);
        var intrusion = await other.SubmitAsync(WithAction(await other.GetAsync("/mes-demandes"), mine, $"/mes-demandes/{number}/messages"), "Envoyer le message", [("texte", "Intrus")]);
        Assert.Equal(HttpStatusCode.NotFound, intrusion.Status);
    }

    /// <summary>The applicant's reply form, with the intruder's own antiforgery token.</summary>
    private static Page WithAction(Page intruderPage, Page ownerPage, string action)
    {
        var token = intruderPage.Html.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = ownerPage.Html.QuerySelector($"form[action='{action}']")!;
        form.QuerySelector("input[name=__RequestVerificationToken]")!.SetAttribute("value", token);
        return ownerPage;
    }
}
