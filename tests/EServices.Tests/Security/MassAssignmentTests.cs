using System.Globalization;
using System.Net;
using EServices.Tests.Features.Admin;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Security;

/// <summary>Mass assignment: fields a form does not own, added by hand to a real submission, change nothing in the
/// database. Forms bind to their own small classes, never to entities, and this proves it page by page.</summary>
[Collection(WebCollection.Name)]
public sealed class MassAssignmentTests(HostFixture host)
{
    /// <summary>Names of the request's columns and of the user's, as a forger would guess them.</summary>
    private static readonly (string, string)[] RequestFields =
    [
        ("Id", Guid.NewGuid().ToString()), ("Status", "Accepted"), ("status", "4"), ("ApplicantId", "intrus"), ("Number", "FP-2027-999999"),
        ("IsTest", "true"), ("GroupId", "1"), ("ProcedureId", "2"), ("FormVersionId", "1"), ("CompletedSteps", "3"),
        ("AssigneeId", "intrus"), ("DueOn", "2027-01-01"), ("SubmittedAt", "2027-01-01T00:00:00Z"), ("CorrectionFields", "nom"),
    ];

    [Fact]
    public async Task Extra_fields_posted_with_a_filing_step_and_at_submission_change_nothing_but_the_answers()
    {
        using var citizen = host.NewSession();
        var user = await TestUsers.SignUpAsync(citizen);
        var step1 = await AttestationJourney.StartAsync(citizen);
        var id = Guid.Parse(step1.Url.Split('/')[2]);

        // "motif_demande" belongs to step 2: step 1 does not own it either.
        var step2 = await citizen.SubmitAsync(step1, "Continuer", [.. AttestationJourney.Identity, .. RequestFields, ("motif_demande", "autre")]);
        Assert.EndsWith("/etapes/2", step2.Url, StringComparison.Ordinal);
        var applicantId = (string)(await host.ScalarAsync("SELECT id FROM \"AspNetUsers\" WHERE email = @e", ("e", user.Email)))!;
        Assert.Equal($"Draft|{applicantId}|-|false|-|1|-|-", await RowAsync(id));
        Assert.Equal(false, await host.ScalarAsync(
            "SELECT answers ?| array['Id', 'Status', 'status', 'ApplicantId', 'Number', 'IsTest', 'GroupId', 'motif_demande'] FROM requests WHERE id = @id", ("id", id)));
        Assert.Equal("212345A", await host.ScalarAsync("SELECT answers->>'matricule' FROM requests WHERE id = @id", ("id", id)));

        var step3 = await citizen.SubmitAsync(step2, "Continuer", AttestationJourney.Employment);
        var review = await citizen.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = TestFiles.Pdf("ma cnib.pdf"), ["bulletin"] = TestFiles.Png("bulletin-mars.png"),
        });
        var filed = await citizen.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui"), .. RequestFields]);
        var number = filed.Url.Split('/').Last();
        Assert.Matches(@"^FP-2027-\d{6}$", number);
        Assert.NotEqual("FP-2027-999999", number);
        Assert.StartsWith($"Submitted|{applicantId}|{number}|false|", await RowAsync(id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extra_fields_posted_with_a_correction_change_only_the_fields_the_agent_asked_for()
    {
        using var citizen = host.NewSession();
        await TestUsers.SignUpAsync(citizen);
        var number = await AttestationJourney.FileAsync(citizen);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        await agent.SubmitAsync(taken, "Demander le complément", [("champs", "structure"), ("message", "Précisez votre service."), ("echeance", "2027-04-09")]);

        var form = await citizen.GetAsync($"/mes-demandes/{number}/complement");
        var sent = await citizen.SubmitAsync(form, "Envoyer le complément",
            [("structure", "Service de pédiatrie"), ("nom_declare", "Intrus"), ("matricule", "999999Z"), .. RequestFields]);
        Assert.Contains("Votre complément est envoyé", sent.Text, StringComparison.Ordinal);

        Assert.Equal("UnderReview|Service de pédiatrie|Ouédraogo|212345A|false", await host.ScalarAsync(
            "SELECT status || '|' || (answers->>'structure') || '|' || (answers->>'nom_declare') || '|' || (answers->>'matricule') || '|' || is_test FROM requests WHERE number = @n",
            ("n", number)));
    }

    [Fact]
    public async Task Sign_up_ignores_role_id_and_account_flags_posted_with_the_form()
    {
        using var session = host.NewSession();
        var email = $"usager-{Guid.NewGuid():N}@exemple.bf";
        var forgedId = Guid.NewGuid().ToString();
        var page = await session.GetAsync("/compte/inscription");
        var result = await session.SubmitAsync(page, "Créer mon compte",
        [
            ("LastName", "Ouédraogo"), ("FirstNames", "Awa"), ("Email", email), ("Phone", "70 12 34 56"),
            ("Password", TestUsers.Password), ("ConfirmPassword", TestUsers.Password),
            ("Role", Roles.Admin), ("Roles", Roles.Admin), ("Id", forgedId), ("EmailConfirmed", "true"), ("PhoneNumberConfirmed", "true"),
            ("TwoFactorEnabled", "true"), ("LockoutEnabled", "false"), ("AccessFailedCount", "-100"), ("SecurityStamp", "connu"),
            ("DeactivatedAt", "2027-01-01T00:00:00Z"), ("CreatedAt", "2000-01-01T00:00:00Z"),
        ]);
        Assert.Contains("Vérifiez votre messagerie", result.Text, StringComparison.Ordinal);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM \"AspNetUsers\" WHERE email = @e", ("e", email)));
        var activation = await session.GetAsync(TestUsers.ActivationPath(await host.Mailbox.WaitForAsync(email, TestUsers.ActivationSubject)));
        result = await session.SubmitAsync(activation, "Activer mon compte",
        [
            ("Email", "autre@exemple.bf"), ("Role", Roles.Admin), ("Id", forgedId), ("PasswordHash", "connu"), ("TwoFactorEnabled", "true"), ("LockoutEnabled", "false"),
        ]);
        Assert.Contains("Votre compte est créé", result.Text, StringComparison.Ordinal);

        // E-mail confirmed: by the activation link from the mailbox, not by the posted flag.
        Assert.Equal("false|true|false|true|0|false|true|0", await host.ScalarAsync(
            """
            SELECT (id = @forged) || '|' || email_confirmed || '|' || phone_number_confirmed || '|' || lockout_enabled || '|' || access_failed_count
                || '|' || two_factor_enabled || '|' || (deactivated_at IS NULL) || '|' || (SELECT count(*) FROM "AspNetUserRoles" r WHERE r.user_id = u.id)
            FROM "AspNetUsers" u WHERE email = @e
            """,
            ("e", email), ("forged", forgedId)));
        Assert.Contains("/compte/acces-refuse", (await session.GetAsync("/back-office", follow: false)).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_edit_ignores_address_id_and_account_flags_and_keeps_groups_within_the_ticked_services()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP");
        var id = (string)(await host.ScalarAsync("SELECT id FROM \"AspNetUsers\" WHERE email = @e", ("e", staff.Email)))!;
        var hash = await host.ScalarAsync("SELECT password_hash FROM \"AspNetUsers\" WHERE id = @id", ("id", id));
        var dgfp = Convert.ToInt32(await host.ScalarAsync("SELECT id FROM services WHERE code = 'DGFP'"), CultureInfo.InvariantCulture);
        var other = await TestCatalogue.CreateServiceAsync(host);
        var foreignGroup = Convert.ToInt32(await host.ScalarAsync(
            "INSERT INTO service_groups (service_id, name, is_default) VALUES (@s, 'Direction régionale du Nord', false) RETURNING id", ("s", other.Id)), CultureInfo.InvariantCulture);

        var page = await admin.GetAsync($"/admin/agents/{id}");
        var saved = await admin.SubmitAsync(page, "Enregistrer",
        [
            ("LastName", "Kaboré-Renommé"), ("Services", $"{dgfp}"), ("Services", "999999"), ("Groups", $"{foreignGroup}"),
            ("Email", "pirate@exemple.bf"), ("Id", "intrus"), ("UserName", "pirate@exemple.bf"), ("TwoFactorEnabled", "false"),
            ("EmailConfirmed", "false"), ("DeactivatedAt", "2027-01-01T00:00:00Z"), ("PasswordHash", "AQAAAAIAAYagAAAAE"), ("LockoutEnd", "2999-01-01"),
        ]);
        Assert.Contains("enregistré", saved.Text, StringComparison.Ordinal);

        Assert.Equal($"Kaboré-Renommé|{staff.Email}|{staff.Email}|true|true|true|true", await host.ScalarAsync(
            """
            SELECT last_name || '|' || email || '|' || user_name || '|' || two_factor_enabled || '|' || email_confirmed || '|' || (deactivated_at IS NULL)
                || '|' || (lockout_end IS NULL)
            FROM "AspNetUsers" WHERE id = @id
            """,
            ("id", id)));
        Assert.Equal(hash, await host.ScalarAsync("SELECT password_hash FROM \"AspNetUsers\" WHERE id = @id", ("id", id)));
        Assert.Equal($"{dgfp}", await host.ScalarAsync("SELECT string_agg(service_id::text, ',') FROM service_members WHERE user_id = @id", ("id", id)));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM group_members WHERE user_id = @id", ("id", id)));
    }

    [Fact]
    public async Task The_staff_edit_form_posted_to_an_applicants_account_is_not_found_and_grants_no_role()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        using var citizen = host.NewSession();
        var user = await TestUsers.SignUpAsync(citizen);
        var citizenId = (string)(await host.ScalarAsync("SELECT id FROM \"AspNetUsers\" WHERE email = @e", ("e", user.Email)))!;
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/agents/{citizenId}", follow: false)).Status);

        // The admin's own invitation form, pointed at the applicant's id: the page that edits staff only edits staff.
        var form = await admin.GetAsync("/admin/agents/inviter");
        form.Html.QuerySelectorAll("button").Single(b => b.TextContent.Trim() == "Envoyer l'invitation").Closest("form")!
            .SetAttribute("action", $"/admin/agents/{citizenId}");
        var dgfp = await host.ScalarAsync("SELECT id FROM services WHERE code = 'DGFP'");
        var forged = await admin.SubmitAsync(form, "Envoyer l'invitation",
            [("LastName", "Ouédraogo"), ("FirstNames", "Awa"), ("Role", Roles.Admin), ("Services", $"{dgfp}")], follow: false);

        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM \"AspNetUserRoles\" WHERE user_id = @id", ("id", citizenId)));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM service_members WHERE user_id = @id", ("id", citizenId)));
    }

    [Fact]
    public async Task A_form_field_named_like_a_route_parameter_does_not_point_the_action_at_another_record()
    {
        using var citizen = host.NewSession();
        await TestUsers.SignUpAsync(citizen);
        var first = await AttestationJourney.FileAsync(citizen);
        var second = await AttestationJourney.FileAsync(citizen);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");

        // MVC reads form fields before route values: the address must win, as it is what was checked and logged.
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{first}"), "Enregistrer la note", [("note", "Note sur la première"), ("number", second)]);
        Assert.Equal("1|0", await host.ScalarAsync(
            """
            SELECT (SELECT count(*) FROM request_messages m JOIN requests r ON r.id = m.request_id WHERE r.number = @a)
                || '|' || (SELECT count(*) FROM request_messages m JOIN requests r ON r.id = m.request_id WHERE r.number = @b)
            """,
            ("a", first), ("b", second)));

        // "New service" with a forged id creates a service; it does not rename the service with that id.
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var target = await TestCatalogue.CreateServiceAsync(host);
        var code = "X" + new string(Guid.NewGuid().ToString("N").Select(c => (char)('A' + (c % 26))).Take(7).ToArray());
        var prefix = code[..4];
        var saved = await admin.SubmitAsync(await admin.GetAsync("/admin/services/nouveau"), "Enregistrer",
        [
            ("Name", $"Service forgé {code}"), ("Code", code), ("NumberPrefix", prefix), ("SignatoryName", "Intrus"), ("SignatoryTitle", "Intrus"),
            ("id", $"{target.Id}"),
        ]);
        Assert.Contains($"Service {code} enregistré.", saved.Text, StringComparison.Ordinal);
        Assert.Equal($"Direction des essais {target.Code}", await host.ScalarAsync("SELECT name FROM services WHERE id = @id", ("id", target.Id)));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM services WHERE code = @c", ("c", code)));
    }

    [Fact]
    public void Every_action_parameter_named_in_its_route_is_read_from_the_address_only()
    {
        var loose = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Action: e.Metadata.GetMetadata<ControllerActionDescriptor>()))
            .Where(e => e.Action is not null)
            .SelectMany(e => e.Action!.Parameters
                .Where(p => e.Endpoint.RoutePattern.GetParameter(p.Name) is not null && p.BindingInfo?.BindingSource != BindingSource.Path)
                .Select(p => $"{e.Endpoint.RoutePattern.RawText}: {{{p.Name}}} of {e.Action.DisplayName} can be bound from a form or query field"))
            .ToList();
        Assert.True(loose.Count == 0, string.Join('\n', loose));
    }

    /// <summary>What a forger would like to set on a request: status, applicant, number, test flag, group, steps done,
    /// assignee and due date.</summary>
    private async Task<string> RowAsync(Guid id) =>
        (string)(await host.ScalarAsync(
            """
            SELECT status || '|' || applicant_id || '|' || coalesce(number, '-') || '|' || is_test || '|'
                || coalesce(group_id::text, '-') || '|' || completed_steps || '|' || coalesce(assignee_id, '-') || '|' || coalesce(due_on::text, '-')
            FROM requests WHERE id = @id
            """,
            ("id", id)))!;
}
