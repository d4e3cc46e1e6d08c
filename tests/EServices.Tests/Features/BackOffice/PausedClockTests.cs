using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

[Collection(WebCollection.Name)]
public sealed class PausedClockTests(HostFixture host)
{
    [Fact]
    public async Task Days_spent_waiting_for_the_applicant_move_the_due_date_by_as_many_working_days()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant); // Friday 26 March 2027, due Thursday 1 April
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        await agent.SubmitAsync(taken, "Demander le complément", [("champs", "emploi"), ("message", "Précisez votre emploi exact."), ("echeance", "2027-04-30")]);

        // As if the correction had been asked a week earlier, on Friday 19 March: five working days waited by now.
        await host.ScalarAsync("UPDATE requests SET paused_since = TIMESTAMPTZ '2027-03-19 10:00:00+00' WHERE number = @n", ("n", number));

        var form = await applicant.GetAsync($"/mes-demandes/{number}/complement");
        var sent = await applicant.SubmitAsync(form, "Envoyer le complément", [("emploi", "Infirmière d'État principale")]);
        Assert.Contains("Votre complément est envoyé", sent.Text, StringComparison.Ordinal);

        // 1 April + 5 working days (Friday 2, Monday 5, Tuesday 6, Wednesday 7, Thursday 8).
        Assert.Contains("Décision attendue au plus tard le 08/04/2027", sent.Text, StringComparison.Ordinal);
        var file = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Contains("08/04/2027", file.Text, StringComparison.Ordinal);
        Assert.Contains("reportée de 5 jour(s) ouvrable(s) d'attente du demandeur", file.Text, StringComparison.Ordinal);
    }
}
