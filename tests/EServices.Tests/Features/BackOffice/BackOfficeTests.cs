using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

[Collection(WebCollection.Name)]
public sealed class BackOfficeTests(HostFixture host)
{
    private async Task<(WebSession Applicant, TestUser User, string Number)> FiledAttestationAsync(string firstNames = "Awa", string lastName = "Ouédraogo")
    {
        var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant, firstNames, lastName);
        return (applicant, user, await AttestationJourney.FileAsync(applicant));
    }

    [Fact]
    public async Task An_agent_finds_a_new_request_in_the_inbox_takes_it_and_the_applicant_is_told()
    {
        var (applicant, user, number) = await FiledAttestationAsync();
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");

        var inbox = await agent.GetAsync($"/back-office?q={number}");
        Assert.Equal(HttpStatusCode.OK, inbox.Status);
        Assert.Contains("À prendre", inbox.Text, StringComparison.Ordinal);
        var row = inbox.Html.QuerySelectorAll("table.inbox tbody tr").Single();
        Assert.Contains("Attestation de travail", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Awa OUÉDRAOGO", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("01/04/2027", row.TextContent, StringComparison.Ordinal);

        var file = await agent.ClickAsync(inbox, number);
        Assert.Contains("212345A", file.Text, StringComparison.Ordinal);
        Assert.Contains("ma cnib.pdf", file.Text, StringComparison.Ordinal);
        var taken = await agent.SubmitAsync(file, "Prendre la demande");
        Assert.Contains($"Demande {number} : en instruction.", taken.Text, StringComparison.Ordinal);
        Assert.Contains("Agent Issa Kaboré", taken.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Déposée → En instruction", taken.Text, StringComparison.Ordinal);

        var mine = await agent.GetAsync($"/back-office?onglet=mes-dossiers&q={number}");
        Assert.Single(mine.Html.QuerySelectorAll("table.inbox tbody tr"));
        await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : en instruction");
        var seen = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.Contains("En instruction", seen.Text, StringComparison.Ordinal);
        applicant.Dispose();
    }

    [Fact]
    public async Task An_agent_of_another_service_gets_404_for_the_request_its_files_and_its_actions()
    {
        var (applicant, _, number) = await FiledAttestationAsync();
        applicant.Dispose();
        using var dgfp = host.NewSession();
        await TestStaff.SignInAsync(host, dgfp, Roles.Agent, "DGFP");
        var file = await dgfp.GetAsync($"/back-office/demandes/{number}");
        var attachment = file.Html.QuerySelectorAll("a[href^='/back-office/pieces/']")[0].GetAttribute("href")!;
        var (status, _, response) = await dgfp.DownloadAsync(attachment);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("inline", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);

        using var dgt = host.NewSession();
        await TestStaff.SignInAsync(host, dgt, Roles.Agent, "DGT");
        Assert.Equal(HttpStatusCode.NotFound, (await dgt.GetAsync($"/back-office/demandes/{number}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await dgt.DownloadAsync(attachment)).Status);
        Assert.Empty((await dgt.GetAsync($"/back-office?onglet=a-prendre&q={number}")).Html.QuerySelectorAll("table.inbox tbody tr"));

        // Replaying the DGFP agent's own form against DGT's session: not found, nothing changes.
        var replay = await dgt.SubmitAsync(WithTokenOf(await dgt.GetAsync("/back-office"), file), "Prendre la demande");
        Assert.Equal(HttpStatusCode.NotFound, replay.Status);
        Assert.Contains("Déposée", (await dgfp.GetAsync($"/back-office/demandes/{number}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applicants_cannot_open_the_back_office()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var page = await session.GetAsync("/back-office", follow: false);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/compte/acces-refuse", page.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Moves_the_state_does_not_allow_are_refused_and_a_rejection_needs_its_reason()
    {
        var (applicant, user, number) = await FiledAttestationAsync();
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var file = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Null(file.Html.QuerySelector("form[action$='/accepter']"));

        // A hand-made accept on a request nobody took.
        var forged = await agent.SubmitAsync(WithAction(file, "/prendre", "/accepter"), "Prendre la demande");
        Assert.Contains("Action impossible : la demande est « Déposée ».", forged.Text, StringComparison.Ordinal);

        var taken = await agent.SubmitAsync(forged, "Prendre la demande");
        var noReason = await agent.SubmitAsync(taken, "Rejeter la demande", [("motif", "  ")]);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.Status);
        Assert.Equal("Indiquez le motif du rejet : il sera communiqué au demandeur.", noReason.Html.QuerySelector("#motif-erreur")!.TextContent);

        var rejected = await agent.SubmitAsync(noReason, "Rejeter la demande", [("motif", "Vous n'êtes pas en activité à cette date.")]);
        Assert.Contains("rejetée", rejected.Text, StringComparison.Ordinal);
        Assert.Empty(rejected.Html.QuerySelectorAll(".actions-panel:not(.message-forms) form"));
        var email = await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : rejetée");
        Assert.Contains("Vous n'êtes pas en activité à cette date.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Vous n'êtes pas en activité à cette date.", (await applicant.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
        // The procedure has no refusal letter of its own: the default one, with the reason, is issued and verifiable.
        var (status, pdf, _) = await applicant.DownloadAsync($"/mes-demandes/{number}/certificat");
        Assert.Equal(HttpStatusCode.OK, status);
        var letter = FilingTests.PdfText(pdf);
        Assert.Contains("NOTIFICATION DE REJET", letter, StringComparison.Ordinal);
        Assert.Contains($"votre demande n° {number}", letter, StringComparison.Ordinal);
        Assert.Contains("Vous n'êtes pas en activité à cette date.", letter, StringComparison.Ordinal);
        var check = await applicant.GetAsync(new Uri(await QrReader.ReadAsync(pdf)).PathAndQuery);
        Assert.Contains("Notification de rejet", check.Text, StringComparison.Ordinal);
        applicant.Dispose();
    }

    [Fact]
    public async Task Two_agents_accepting_at_once_one_wins_and_the_other_sees_the_fresh_state()
    {
        var (applicant, _, number) = await FiledAttestationAsync();
        applicant.Dispose();
        using var first = host.NewSession();
        using var second = host.NewSession();
        await TestStaff.SignInAsync(host, first, Roles.Agent, "DGFP");
        await TestStaff.SignInAsync(host, second, Roles.Agent, "DGFP", "Mariam", "Sawadogo");
        await first.SubmitAsync(await first.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");

        var pageOfFirst = await first.GetAsync($"/back-office/demandes/{number}");
        var pageOfSecond = await second.GetAsync($"/back-office/demandes/{number}");
        var results = await Task.WhenAll(
            first.SubmitAsync(pageOfFirst, "Accepter la demande"),
            second.SubmitAsync(pageOfSecond, "Accepter la demande"));

        Assert.Single(results, r => r.Text.Contains($"Demande {number} : acceptée.", StringComparison.Ordinal));
        Assert.Single(results, r => r.Text.Contains("Cette demande vient d'être modifiée par quelqu'un d'autre", StringComparison.Ordinal));
        var final = await first.GetAsync($"/back-office/demandes/{number}");
        Assert.Single(final.Html.QuerySelectorAll(".timeline li"), li => li.TextContent.Contains("→ Acceptée", StringComparison.Ordinal));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM issued_documents WHERE kind = 'Certificate' AND request_id = (SELECT id FROM requests WHERE number = @n)", ("n", number)));
    }

    [Fact]
    public async Task A_correction_goes_to_the_applicant_who_fixes_only_what_was_asked_and_it_returns_to_the_same_agent()
    {
        var (applicant, user, number) = await FiledAttestationAsync();
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");

        var incomplete = await agent.SubmitAsync(taken, "Demander le complément", [("message", "")]);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.Status);
        Assert.Equal("Cochez au moins une réponse ou une pièce à corriger.", incomplete.Html.QuerySelector("#champs-erreur")!.TextContent);
        Assert.Equal("Écrivez au demandeur ce qu'il doit corriger.", incomplete.Html.QuerySelector("#message-erreur")!.TextContent);

        var asked = await agent.SubmitAsync(incomplete, "Demander le complément",
            [("champs", "bulletin"), ("champs", "structure"), ("message", "Le bulletin est illisible ; précisez aussi votre service."), ("echeance", "2027-04-09")]);
        Assert.Contains("Complément demandé", asked.Text, StringComparison.Ordinal);
        await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : complément demandé");

        var seen = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.Contains("« Le bulletin est illisible ; précisez aussi votre service. »", seen.Text, StringComparison.Ordinal);
        Assert.Contains("À corriger : Structure, Dernier bulletin de salaire, avant le 09/04/2027", seen.Text, StringComparison.Ordinal);
        var form = await applicant.ClickAsync(seen, "Corriger ma demande");
        Assert.Equal(["structure", "bulletin"], form.Html.QuerySelectorAll("form[enctype] [name]:not([type=hidden]):not(button)").Select(e => e.GetAttribute("name")!).ToArray());

        var refused = await applicant.SubmitAsync(form, "Envoyer le complément", [("structure", "")], new Dictionary<string, Upload> { ["bulletin"] = TestFiles.ExecutableNamedPdf() });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("« Structure » est obligatoire.", refused.ErrorFor("structure"));
        Assert.NotNull(refused.ErrorFor("bulletin"));

        var sent = await applicant.SubmitAsync(refused, "Envoyer le complément", [("structure", "Service de pédiatrie")], new Dictionary<string, Upload> { ["bulletin"] = TestFiles.Pdf("bulletin-lisible.pdf") });
        Assert.Contains("Votre complément est envoyé", sent.Text, StringComparison.Ordinal);
        Assert.Contains("Service de pédiatrie", sent.Text, StringComparison.Ordinal);

        var back = await agent.GetAsync($"/back-office?onglet=mes-dossiers&q={number}");
        Assert.Single(back.Html.QuerySelectorAll("table.inbox tbody tr"));
        var file = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Contains("bulletin-lisible.pdf", file.Text, StringComparison.Ordinal);
        Assert.Contains("Complément demandé → En instruction", file.Text, StringComparison.Ordinal);
        applicant.Dispose();
    }

    [Fact]
    public async Task A_supervisor_assigns_a_request_to_a_colleague_and_an_agent_cannot()
    {
        var (applicant, _, number) = await FiledAttestationAsync();
        applicant.Dispose();
        using var colleague = host.NewSession();
        var lastName = $"Zongo{Guid.NewGuid():N}"[..11]; // unique: other tests add agents to the DGFP too
        await TestStaff.SignInAsync(host, colleague, Roles.Agent, "DGFP", "Boukary", lastName);
        using var chief = host.NewSession();
        await TestStaff.SignInAsync(host, chief, Roles.Supervisor, "DGFP", "Aminata", "Traoré");

        var file = await chief.GetAsync($"/back-office/demandes/{number}");
        var colleagueId = file.Html.QuerySelectorAll("#agent option").Single(o => o.TextContent.Contains($"Boukary {lastName.ToUpperInvariant()}", StringComparison.Ordinal)).GetAttribute("value")!;
        var assigned = await chief.SubmitAsync(file, "Attribuer", [("agent", colleagueId)]);
        Assert.Contains($"Attribuée à Boukary {lastName.ToUpperInvariant()}", assigned.Text, StringComparison.Ordinal);
        Assert.Single((await colleague.GetAsync($"/back-office?onglet=mes-dossiers&q={number}")).Html.QuerySelectorAll("table.inbox tbody tr"));

        var asAgent = await colleague.GetAsync($"/back-office/demandes/{number}");
        Assert.Null(asAgent.Html.QuerySelector("form[action$='/attribuer']"));
        var forged = await colleague.SubmitAsync(WithAction(asAgent, "/accepter", "/attribuer"), "Accepter la demande", [("agent", colleagueId)], follow: false);
        Assert.Equal(HttpStatusCode.Redirect, forged.Status);
        Assert.Contains("/compte/acces-refuse", forged.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inbox_searches_applicant_names_without_accents_and_filters_by_procedure()
    {
        var (applicant, _, number) = await FiledAttestationAsync("Aïcha", $"Kéré{Guid.NewGuid():N}"[..12]);
        applicant.Dispose();
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var name = (await agent.GetAsync($"/back-office/demandes/{number}")).Html.QuerySelector(".sheet dd:nth-of-type(2)")!.TextContent;
        var unaccented = name.Split(' ')[1].Replace('É', 'E');

        var found = await agent.GetAsync($"/back-office?q={Uri.EscapeDataString(unaccented.ToLowerInvariant())}");
        Assert.Contains(number, found.Text, StringComparison.Ordinal);
        var otherProcedure = await agent.GetAsync($"/back-office?q={number}&demarche=detachement");
        Assert.Contains("Aucune demande.", otherProcedure.Text, StringComparison.Ordinal);
    }

    /// <summary>A copy of <paramref name="page"/> whose forms post somewhere else: what a forger would send.</summary>
    private static Page WithAction(Page page, string from, string to)
    {
        foreach (var form in page.Html.QuerySelectorAll("form[action]"))
        {
            form.SetAttribute("action", form.GetAttribute("action")!.Replace(from, to, StringComparison.Ordinal));
        }

        return page;
    }

    /// <summary><paramref name="page"/> with the antiforgery token of <paramref name="tokenSource"/>'s session.</summary>
    private static Page WithTokenOf(Page tokenSource, Page page)
    {
        var token = tokenSource.Html.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No token on the source page.");
        foreach (var input in page.Html.QuerySelectorAll("input[name=__RequestVerificationToken]"))
        {
            input.SetAttribute("value", token);
        }

        return page;
    }
}
