using System.Net;
using EServices.Tests.Features.Admin;
using EServices.Tests.Infrastructure;
using EServices.Web.Data;
using EServices.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Deadlines;

/// <summary>« Silence vaut accord / rejet » through the portal (issue 19): an administrator sets the rule on a procedure,
/// the applicant and the agent see the countdown, and the deadlines' job, run with its own clock across the weekend and
/// Easter Monday, decides the day after the last day — the document saying so issued, the applicant told, the history
/// naming the system.</summary>
[Collection(WebCollection.Name)]
public sealed class ImplicitDecisionTests(HostFixture host)
{
    [Fact]
    public async Task Silence_accepts_the_day_after_the_last_working_day_with_the_attestation_and_the_applicant_told()
    {
        var (service, procedure) = await ProcedureWithSilenceAsync(SilenceRule.Acceptance, 2);
        using var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant);
        var number = await TestCatalogue.FileAsync(applicant, procedure, "kadiogo"); // Friday 26 March 2027
        const string countdown = "Silence vaut accord : sans décision au plus tard le 31/03/2027, la demande sera acceptée automatiquement — encore 3 jour(s) ouvrable(s).";
        Assert.Contains($"Décision implicite {countdown}", (await applicant.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, service.Code);
        Assert.Contains($"Décision implicite {countdown}", (await agent.GetAsync($"/back-office/demandes/{number}")).Text, StringComparison.Ordinal);

        await DecideAsync(new DateTimeOffset(2027, 3, 31, 23, 59, 0, TimeSpan.Zero)); // the last day, to its end: nothing yet
        Assert.Contains("Déposée", (await applicant.GetAsync($"/mes-demandes/{number}")).Html.QuerySelector(".badge")!.TextContent, StringComparison.Ordinal);

        await DecideAsync(new DateTimeOffset(2027, 4, 1, 0, 5, 0, TimeSpan.Zero));
        var decided = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.Equal("Acceptée", decided.Html.QuerySelector(".badge")!.TextContent);
        const string reason = "Décision implicite d'acceptation : l'administration n'a pas statué au plus tard le 31/03/2027, terme du délai ouvert par le dépôt du 26/03/2027 (silence vaut accord).";
        Assert.Contains(reason, decided.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Décision implicite Silence vaut accord", decided.Text, StringComparison.Ordinal); // no countdown left
        Assert.Contains("Attestation de décision implicite d'acceptation n°", decided.Text, StringComparison.Ordinal);
        var (status, content, _) = await applicant.DownloadAsync($"/mes-demandes/{number}/certificat");
        Assert.Equal(HttpStatusCode.OK, status);
        var text = Filing.FilingTests.PdfText(content);
        Assert.Contains("décision implicite d'acceptation", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("au plus tard le 31/03/2027", text, StringComparison.Ordinal);

        var staffPage = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Contains($"Système : Déposée → Acceptée. {reason}", staffPage.Text, StringComparison.Ordinal);
        var mail = await OutboxAsync(user.Email, $"Demande {number} : acceptée par décision implicite");
        Assert.Contains(reason, mail, StringComparison.Ordinal);
        Assert.Contains($"/mes-demandes/{number}", mail, StringComparison.Ordinal);

        await DecideAsync(new DateTimeOffset(2027, 4, 2, 0, 5, 0, TimeSpan.Zero)); // once only
        Assert.Single((await agent.GetAsync($"/back-office/demandes/{number}")).Html.QuerySelectorAll(".timeline li"), li => li.TextContent.Contains("Système", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Silence_rejects_with_the_refusal_letter_but_never_a_request_decided_in_time_or_waiting_for_the_applicant()
    {
        var (service, procedure) = await ProcedureWithSilenceAsync(SilenceRule.Refusal, 1);
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var silent = await TestCatalogue.FileAsync(applicant, procedure, "kadiogo");
        var decidedInTime = await TestCatalogue.FileAsync(applicant, procedure, "kadiogo");
        var corrected = await TestCatalogue.FileAsync(applicant, procedure, "kadiogo");
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Supervisor, service.Code);
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{decidedInTime}"), "Prendre la demande");
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{decidedInTime}"), "Accepter la demande");
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{corrected}"), "Prendre la demande");
        var asked = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{corrected}"), "Demander le complément", [("champs", "region"), ("message", "Précisez la région.")]);
        Assert.Contains("Complément demandé", asked.Text, StringComparison.Ordinal);
        Assert.Contains("le délai est suspendu jusqu'à la réponse au complément demandé", (await applicant.GetAsync($"/mes-demandes/{corrected}")).Text, StringComparison.Ordinal);

        await DecideAsync(new DateTimeOffset(2027, 3, 31, 8, 0, 0, TimeSpan.Zero)); // the last day was Tuesday 30 (Easter Monday skipped)

        var rejected = await applicant.GetAsync($"/mes-demandes/{silent}");
        Assert.Equal("Rejetée", rejected.Html.QuerySelector(".badge")!.TextContent);
        Assert.Contains("Décision implicite de rejet : l'administration n'a pas statué au plus tard le 30/03/2027", rejected.Text, StringComparison.Ordinal);
        Assert.Contains("Notification de rejet n°", rejected.Text, StringComparison.Ordinal);
        Assert.Equal("Acceptée", (await applicant.GetAsync($"/mes-demandes/{decidedInTime}")).Html.QuerySelector(".badge")!.TextContent);
        Assert.Equal("Complément demandé", (await applicant.GetAsync($"/mes-demandes/{corrected}")).Html.QuerySelector(".badge")!.TextContent);
        Assert.DoesNotContain("décision implicite", (await applicant.GetAsync($"/mes-demandes/{decidedInTime}")).Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_administrator_sets_the_rule_with_its_delay_and_every_bad_value_is_told_beside_its_field()
    {
        var service = await TestCatalogue.CreateServiceAsync(host);
        var procedure = await TestCatalogue.CreateRegionalProcedureAsync(host, service.Id);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null);
        var form = await admin.GetAsync($"/admin/demarches/{procedure.Id}");
        Assert.Equal("checked", form.Html.QuerySelector("input[name=Silence][value=None]")!.GetAttribute("checked") ?? "checked");

        foreach (var (rule, days, field, message) in new[]
        {
            ("Acceptance", "", "SilenceDelayDays", "Indiquez après combien de jours ouvrables le silence vaut décision."),
            ("Refusal", "0", "SilenceDelayDays", "Le délai est un nombre de jours ouvrables entre 1 et 365."),
            ("Acceptance", "366", "SilenceDelayDays", "Le délai est un nombre de jours ouvrables entre 1 et 365."),
            ("Acceptance", "-3", "SilenceDelayDays", "Le délai est un nombre de jours ouvrables entre 1 et 365."),
            ("Acceptance", "2,5", "SilenceDelayDays", "Le délai est un nombre de jours ouvrables entre 1 et 365."),
            ("Acceptance", "１０", "SilenceDelayDays", "Le délai est un nombre de jours ouvrables entre 1 et 365."),
            ("Maybe", "10", "Silence", "Choisissez ce que vaut le silence de l'administration."),
            ("1", "10", "Silence", "Choisissez ce que vaut le silence de l'administration."),
            ("acceptance", "10", "Silence", "Choisissez ce que vaut le silence de l'administration."),
        })
        {
            var refused = await admin.SubmitAsync(form, "Enregistrer la fiche", [("Silence", rule), ("SilenceDelayDays", days), ("Summary", "Résumé gardé.")]);
            Assert.True(HttpStatusCode.BadRequest == refused.Status, $"{rule}/{days}: {refused.Status}");
            Assert.Equal(message, refused.ErrorFor(field));
            Assert.Equal("Résumé gardé.", refused.ValueOf("Summary"));
            Assert.Equal(days, refused.ValueOf("SilenceDelayDays"));
        }

        var saved = await admin.SubmitAsync(form, "Enregistrer la fiche", [("Silence", "Acceptance"), ("SilenceDelayDays", "30"), ("PaperProcedure", "Au guichet de la direction.")]);
        Assert.True(saved.Text.Contains("est enregistrée", StringComparison.Ordinal), string.Join(" | ", saved.Html.QuerySelectorAll(".error-message").Select(e => e.TextContent)));
        var again = await admin.GetAsync($"/admin/demarches/{procedure.Id}");
        Assert.NotNull(again.Html.QuerySelector("input[name=Silence][value=Acceptance][checked]"));
        Assert.Equal("30", again.ValueOf("SilenceDelayDays"));
        Assert.Contains("Silence vaut accord : sans décision dans les 30 jours ouvrables suivant le dépôt, la demande est acceptée.", (await host.NewSession().GetAsync($"/demarches/{procedure.Slug}")).Text, StringComparison.Ordinal);

        // Back to no implicit decision: the delay typed is not kept.
        await admin.SubmitAsync(again, "Enregistrer la fiche", [("Silence", "None"), ("SilenceDelayDays", "12")]);
        Assert.Equal("", (await admin.GetAsync($"/admin/demarches/{procedure.Id}")).ValueOf("SilenceDelayDays"));
    }

    private async Task<(TestService Service, TestProcedure Procedure)> ProcedureWithSilenceAsync(SilenceRule rule, int days)
    {
        var service = await TestCatalogue.CreateServiceAsync(host);
        var procedure = await TestCatalogue.CreateRegionalProcedureAsync(host, service.Id);
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Procedures.Where(p => p.Id == procedure.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Silence, rule).SetProperty(p => p.SilenceDelayDays, days));
        return (service, procedure);
    }

    /// <summary>One pass of the implicit decisions at <paramref name="now"/> (the portal's own clock stays on 26 March).</summary>
    private async Task DecideAsync(DateTimeOffset now)
    {
        using var scope = host.Services.CreateScope();
        while (await ActivatorUtilities.CreateInstance<ImplicitDecisions>(scope.ServiceProvider, new ShiftedClock(now)).RunAsync(50, CancellationToken.None) == 50)
        {
        }
    }

    private async Task<string> OutboxAsync(string to, string subject)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.OutboxEmails.Where(e => e.To == to && e.Subject == subject).Select(e => e.Body).SingleAsync();
    }
}
