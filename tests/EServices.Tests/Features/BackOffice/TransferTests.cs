using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

/// <summary>Transfers (issue 19): a head of service sends a misrouted request to another service's procedure or to another
/// group of the service, with a reason. Today is Friday 26 March 2027; Monday 29 March is Easter Monday.</summary>
[Collection(WebCollection.Name)]
public sealed class TransferTests(HostFixture host)
{
    private const string Reason = "Visa d'un contrat : c'est la Direction générale du travail qui instruit.";

    [Fact]
    public async Task A_request_sent_to_another_services_procedure_keeps_its_number_and_waits_there_with_that_procedures_delay()
    {
        using var applicant = host.NewSession();
        var user = await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var head = host.NewSession();
        await TestStaff.SignInAsync(host, head, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var destination = $"demarche:{await host.ScalarAsync("SELECT id FROM procedures WHERE slug = 'visa-contrat-de-travail'")}";

        var sent = await head.SubmitAsync(await head.GetAsync($"/back-office/demandes/{number}"), "Transférer la demande",
            [("destination", destination), ("motifTransfert", Reason)]);

        Assert.Equal("/back-office", new Uri(sent.Url).AbsolutePath);
        Assert.Contains($"Demande {number} transférée à « DGT — Visa de contrat de travail ».", sent.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/back-office/demandes/{number}")).Status);

        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGT");
        var toTake = await agent.GetAsync($"/back-office?q={number}");
        Assert.Equal([number], toTake.Html.QuerySelectorAll("table.inbox tbody td a").Select(a => a.TextContent).ToArray());
        var page = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Equal("Visa de contrat de travail", page.Html.QuerySelector(".caption")!.TextContent.Trim());
        // Filed on Friday 26 March, 8 working days for a visa, Easter Monday left out: Thursday 8 April.
        Assert.Contains("08/04/2027", Dd(page, "Échéance"), StringComparison.Ordinal);
        Assert.Equal("Déposée", Dd(page, "État"));
        Assert.Contains("Transférée de « DGFP — Attestation de travail » à « DGT — Visa de contrat de travail »", page.Text, StringComparison.Ordinal);
        Assert.Contains($"Motif du transfert : {Reason}", page.Text, StringComparison.Ordinal);

        var mail = await host.Mailbox.WaitForAsync(user.Email, $"Demande {number} : transmise au service Direction générale du travail");
        Assert.Contains("Elle garde son numéro", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(Reason, mail.TextBody, StringComparison.Ordinal);
        var own = await applicant.GetAsync($"/mes-demandes/{number}");
        Assert.Contains("Transférée de « DGFP — Attestation de travail » à « DGT — Visa de contrat de travail »", own.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Reason, own.Text, StringComparison.Ordinal);
        Assert.Equal(
            [$"Demande transférée de « DGFP — Attestation de travail » à « DGT — Visa de contrat de travail » : {Reason}"],
            await host.ScalarAsync("SELECT array_agg(action) FROM audit_entries WHERE target_type = 'demande' AND target_id = @n AND action LIKE 'Demande transférée%'", ("n", number)) as string[] ?? []);
    }

    [Fact]
    public async Task Each_missing_or_forged_choice_is_told_next_to_its_field_and_nothing_moves()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var head = host.NewSession();
        await TestStaff.SignInAsync(host, head, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var page = await head.GetAsync($"/back-office/demandes/{number}");

        var empty = await head.SubmitAsync(page, "Transférer la demande", [("destination", ""), ("motifTransfert", "  ")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("Choisissez où transférer la demande dans la liste.", empty.ErrorFor("transfert"));
        Assert.Equal("Indiquez pourquoi la demande est transférée (1 900 caractères au plus) : le service qui la reçoit le lira.", empty.ErrorFor("transfert-motif"));

        var sameService = await host.ScalarAsync("SELECT id FROM procedures WHERE slug = 'attestation-de-travail'");
        var offline = await host.ScalarAsync("SELECT id FROM procedures WHERE slug = 'visa-reglement-interieur'");
        var otherGroup = await host.ScalarAsync(
            "INSERT INTO service_groups (service_id, name, is_default) VALUES ((SELECT id FROM services WHERE code = 'DGT'), left('Transfert ' || gen_random_uuid(), 40), false) RETURNING id");
        foreach (var forged in new[] { $"demarche:{sameService}", $"demarche:{offline}", "demarche:999999", $"groupe:{otherGroup}", "groupe:abc", "xyz", "demarche:1:2", " demarche:1", "demarche:-1" })
        {
            var refused = await head.SubmitAsync(page, "Transférer la demande", [("destination", forged), ("motifTransfert", Reason)]);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("Choisissez où transférer la demande dans la liste.", refused.ErrorFor("transfert"));
            Assert.Equal(Reason, refused.Html.GetElementById("transfert-motif")!.TextContent);
        }

        Assert.Equal("attestation-de-travail", await host.ScalarAsync("SELECT p.slug FROM requests r JOIN procedures p ON p.id = r.procedure_id WHERE r.number = @n", ("n", number)));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM request_events e JOIN requests r ON r.id = e.request_id WHERE r.number = @n AND e.comment LIKE 'Transférée%'", ("n", number)));
    }

    [Fact]
    public async Task A_request_sent_to_another_group_of_the_service_keeps_its_due_date_and_leaves_its_agent()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        var group = $"Centre-Ouest {Guid.NewGuid():N}"[..20];
        var groupId = await host.ScalarAsync(
            "INSERT INTO service_groups (service_id, name, is_default) VALUES ((SELECT id FROM services WHERE code = 'DGFP'), @g, false) RETURNING id", ("g", group));
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        var due = await host.ScalarAsync("SELECT due_on FROM requests WHERE number = @n", ("n", number));

        using var head = host.NewSession();
        await TestStaff.SignInAsync(host, head, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var moved = await head.SubmitAsync(await head.GetAsync($"/back-office/demandes/{number}"), "Transférer la demande",
            [("destination", $"groupe:{groupId}"), ("motifTransfert", "Le demandeur dépend de la direction régionale du Centre-Ouest.")]);

        Assert.Equal($"/back-office/demandes/{number}", new Uri(moved.Url).AbsolutePath); // still in the head's service
        Assert.Contains($"Demande {number} transférée à « DGFP — groupe {group} ».", moved.Text, StringComparison.Ordinal);
        Assert.Equal(group, Dd(moved, "Groupe"));
        Assert.Equal("Personne", Dd(moved, "Agent"));
        Assert.Equal("Déposée", Dd(moved, "État"));
        Assert.Equal(due, await host.ScalarAsync("SELECT due_on FROM requests WHERE number = @n", ("n", number)));

        // The agent who had it finds it among the requests to take, in its new group.
        Assert.Contains(number, (await agent.GetAsync($"/back-office?onglet=a-prendre&q={number}")).Text, StringComparison.Ordinal);
    }

    private static string Dd(Page page, string term) =>
        string.Join(' ', page.Html.QuerySelectorAll("dl.sheet dt").Single(dt => dt.TextContent.Trim() == term).NextElementSibling!.TextContent
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
