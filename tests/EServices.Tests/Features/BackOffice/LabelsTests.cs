using System.Net;
using System.Text;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.BackOffice;

/// <summary>Labels (issue 19): a head of service names and colours them; agents put them on one request or several, filter
/// the inbox with them and find them in the export; the applicant never sees them; another service's label never
/// reaches a request.</summary>
[Collection(WebCollection.Name)]
public sealed class LabelsTests(HostFixture host)
{
    [Fact]
    public async Task A_head_of_service_creates_a_label_each_mistake_told_next_to_its_field_with_what_was_typed_kept()
    {
        using var head = host.NewSession();
        await TestStaff.SignInAsync(host, head, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var form = await head.ClickAsync(await head.GetAsync("/back-office/etiquettes"), "Créer une étiquette");

        var empty = await head.SubmitAsync(form, "Enregistrer l'étiquette", [("Name", "   "), ("Colour", "Rose")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("Saisissez le nom de l'étiquette (ex. Pièce illisible).", empty.ErrorFor("Name"));
        Assert.Equal("Choisissez une couleur parmi celles proposées.", empty.ErrorFor("Colour"));

        var name = Unique("Pièce illisible");
        var tooLong = await head.SubmitAsync(empty, "Enregistrer l'étiquette", [("Name", new string('é', 41)), ("Colour", "3")]);
        Assert.Equal("40 caractères au plus.", tooLong.ErrorFor("Name"));
        Assert.Equal("Choisissez une couleur parmi celles proposées.", tooLong.ErrorFor("Colour")); // an enum's number is no colour
        Assert.Equal(new string('é', 41), tooLong.ValueOf("Name"));

        var saved = await head.SubmitAsync(tooLong, "Enregistrer l'étiquette", [("Name", $"  {name} "), ("Colour", "Red")]);
        Assert.Contains($"Étiquette « {name} » enregistrée.", saved.Text, StringComparison.Ordinal);
        Assert.Equal("label-chip label-red", saved.Html.QuerySelectorAll("#etiquettes a span").Single(s => s.TextContent == name).ClassName);

        var again = await head.SubmitAsync(await head.ClickAsync(saved, "Créer une étiquette"), "Enregistrer l'étiquette", [("Name", name.ToUpperInvariant()), ("Colour", "Blue")]);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal("Ce service a déjà une étiquette de ce nom.", again.ErrorFor("Name"));

        var id = await LabelIdAsync(name);
        var renamed = await head.SubmitAsync(await head.GetAsync($"/back-office/etiquettes/{id}"), "Enregistrer l'étiquette", [("Name", name + " !"), ("Colour", "Orange")]);
        Assert.Contains($"Étiquette « {name} ! » enregistrée.", renamed.Text, StringComparison.Ordinal);
        var journal = await AuditAsync("etiquette", id.ToString());
        Assert.Equal(["Étiquette créée (rouge)", $"Étiquette renommée (ancien nom : « {name} »)", "Couleur de l'étiquette changée (rouge → orange)"], journal);
    }

    [Fact]
    public async Task An_agent_labels_a_request_finds_it_with_the_inbox_filter_and_the_applicant_never_sees_it()
    {
        var (label, other) = (await CreateAsync("Urgent", "Red"), await CreateAsync("Vérifier", "Purple"));
        using var applicant = host.NewSession();
        var name = $"Etq{Guid.NewGuid():N}"[..12];
        await TestUsers.SignUpAsync(applicant, "Awa", name);
        var labelled = await AttestationJourney.FileAsync(applicant);
        var plain = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");

        var page = await agent.GetAsync($"/back-office/demandes/{labelled}");
        var ticked = await agent.SubmitAsync(page, "Enregistrer les étiquettes", [("etiquettes", label.Id.ToString()), ("etiquettes", other.Id.ToString()), ("etiquettes", label.Id.ToString())]);
        Assert.Contains($"Étiquettes ajoutée(s) : « {label.Name} », « {other.Name} ».", ticked.Text, StringComparison.Ordinal);
        Assert.Equal([label.Name, other.Name], Chips(ticked, "dl.sheet"));

        var filtered = await agent.GetAsync($"/back-office?q={name}&etiquette={label.Id}");
        Assert.Equal([labelled], filtered.Html.QuerySelectorAll("table.inbox tbody td a").Select(a => a.TextContent).ToArray());
        Assert.Equal([label.Name, other.Name], Chips(filtered, "table.inbox tbody"));
        Assert.Equal(2, (await agent.GetAsync($"/back-office?q={name}")).Html.QuerySelectorAll("table.inbox tbody tr").Length);

        var (_, csv, _) = await agent.DownloadAsync($"/back-office/export.csv?q={name}&etiquette={label.Id}");
        var lines = Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(";Étiquettes", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith($";{label.Name}, {other.Name}", lines[1], StringComparison.Ordinal);

        // Unticked on the page: the other label goes, each change journaled against the request.
        var unticked = await agent.SubmitAsync(ticked, "Enregistrer les étiquettes", [("etiquettes", label.Id.ToString())]);
        Assert.Contains($"Étiquettes retirée(s) : « {other.Name} ».", unticked.Text, StringComparison.Ordinal);
        Assert.Equal([label.Name], Chips(unticked, "dl.sheet"));
        Assert.Equal(
            [$"Étiquette « {label.Name} » ajoutée", $"Étiquette « {other.Name} » ajoutée", $"Étiquette « {other.Name} » retirée"],
            (await AuditAsync("demande", labelled)).Where(a => a.StartsWith("Étiquette", StringComparison.Ordinal)));

        foreach (var url in new[] { $"/mes-demandes/{labelled}", "/mes-demandes" })
        {
            var seen = await applicant.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, seen.Status);
            Assert.DoesNotContain(label.Name, seen.Text, StringComparison.Ordinal);
            Assert.Empty(seen.Html.QuerySelectorAll(".label-chip"));
        }
    }

    [Fact]
    public async Task A_bulk_action_adds_then_removes_a_label_and_asks_for_the_label_first()
    {
        var label = await CreateAsync("Pièce illisible", "Yellow");
        using var applicant = host.NewSession();
        var name = $"Etq{Guid.NewGuid():N}"[..12];
        await TestUsers.SignUpAsync(applicant, "Awa", name);
        string[] numbers = [await AttestationJourney.FileAsync(applicant), await AttestationJourney.FileAsync(applicant)];
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var inbox = await agent.GetAsync($"/back-office?q={name}");

        var missing = await agent.SubmitAsync(inbox, "Appliquer aux demandes cochées", numbers.Select(n => ("numeros", n)).Append(("operation", "etiqueter")));
        Assert.Equal(HttpStatusCode.BadRequest, missing.Status);
        Assert.Equal("Choisissez l'étiquette à ajouter ou à retirer.", missing.Html.GetElementById("lot-etiquette-erreur")!.TextContent.Trim());

        var added = await agent.SubmitAsync(missing, "Appliquer aux demandes cochées", [("etiquetteLot", label.Id.ToString())]);
        Assert.Contains("2 demande(s) traitée(s) sur 2", added.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await agent.GetAsync($"/back-office?q={name}&etiquette={label.Id}")).Html.QuerySelectorAll("table.inbox tbody tr").Length);

        var removed = await agent.SubmitAsync(await agent.GetAsync($"/back-office?q={name}"), "Appliquer aux demandes cochées",
            [("numeros", numbers[0]), ("operation", "retirer-etiquette"), ("etiquetteLot", label.Id.ToString())]);
        Assert.Contains("1 demande(s) traitée(s) sur 1", removed.Text, StringComparison.Ordinal);
        Assert.Equal([numbers[1]], (await agent.GetAsync($"/back-office?q={name}&etiquette={label.Id}")).Html.QuerySelectorAll("table.inbox tbody td a").Select(a => a.TextContent).ToArray());
    }

    [Fact]
    public async Task Another_services_label_never_reaches_a_request_and_its_head_cannot_change_or_delete_it()
    {
        var dgfp = await CreateAsync("Complet", "Green");
        var dgt = await CreateAsync("Inspection", "Grey", "DGT");
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var page = await agent.GetAsync($"/back-office/demandes/{number}");

        // Another service's id, a number that is no label, text, a negative and a huge one: refused beside the labels.
        foreach (var value in new[] { dgt.Id.ToString(), "999999999", "abc", "-1", "1e3", " 1", "99999999999999999999" })
        {
            var refused = await agent.SubmitAsync(page, "Enregistrer les étiquettes", [("etiquettes", dgfp.Id.ToString()), ("etiquettes", value)]);
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal("Cette étiquette n'existe pas pour le service de cette demande : rechargez la page.", refused.ErrorFor("etiquettes"));
        }

        Assert.Null(await host.ScalarAsync("SELECT label_id FROM request_labels WHERE request_id = (SELECT id FROM requests WHERE number = @n)", ("n", number)));
        var nothing = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Enregistrer les étiquettes", []);
        Assert.Contains("Aucune étiquette n'a changé.", nothing.Text, StringComparison.Ordinal);

        using var dgtHead = host.NewSession();
        await TestStaff.SignInAsync(host, dgtHead, Roles.Supervisor, "DGT", "Mariam", "Sawadogo");
        Assert.Equal(HttpStatusCode.NotFound, (await dgtHead.GetAsync($"/back-office/etiquettes/{dgfp.Id}")).Status);
        Assert.DoesNotContain(dgfp.Name, (await dgtHead.GetAsync("/back-office/etiquettes")).Text, StringComparison.Ordinal);
        // Their own forms, with their tokens, sent to the other service's label: not found, and the label unchanged.
        var own = await dgtHead.GetAsync($"/back-office/etiquettes/{dgt.Id}");
        var (_, rename) = FormPost.Press(own.Html, own.Url, "Enregistrer l'étiquette", [("Name", "Renommée"), ("Colour", "Red")], null);
        Assert.Equal(HttpStatusCode.NotFound, (await dgtHead.Client.PostAsync($"/back-office/etiquettes/{dgfp.Id}", rename)).StatusCode);
        var list = await dgtHead.GetAsync("/back-office/etiquettes");
        var (_, delete) = FormPost.Press(list.Html, list.Url, $"Supprimer l'étiquette {dgt.Name}", null, null);
        Assert.Equal(HttpStatusCode.NotFound, (await dgtHead.Client.PostAsync($"/back-office/etiquettes/{dgfp.Id}/supprimer", delete)).StatusCode);
        Assert.Equal(dgfp.Id, await LabelIdAsync(dgfp.Name)); // still there, with its name
        // A head of one service names none: another service's id in the post is ignored, the label is theirs.
        var forged = Unique("Intrus");
        await dgtHead.SubmitAsync(await dgtHead.GetAsync("/back-office/etiquettes/nouvelle"), "Enregistrer l'étiquette",
            [("Service", (await ServiceIdAsync("DGFP")).ToString()), ("Name", forged), ("Colour", "Blue")]);
        Assert.Equal(await ServiceIdAsync("DGT"), (int)(await host.ScalarAsync("SELECT service_id FROM service_labels WHERE name = @n", ("n", forged)))!);
        // An administrator chooses among every service: an id that is none is told next to the list.
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var unknown = await admin.SubmitAsync(await admin.GetAsync("/back-office/etiquettes/nouvelle"), "Enregistrer l'étiquette",
            [("Service", "999999"), ("Name", Unique("Intrus")), ("Colour", "Blue")]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("Choisissez un de vos services.", unknown.ErrorFor("Service"));

        using var agentRefused = host.NewSession();
        await TestStaff.SignInAsync(host, agentRefused, Roles.Agent, "DGFP");
        Assert.Contains("/compte/acces-refuse", (await agentRefused.GetAsync("/back-office/etiquettes", follow: false)).Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_label_takes_it_off_every_request_and_says_how_many()
    {
        var label = await CreateAsync("Doublon", "Blue");
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Enregistrer les étiquettes", [("etiquettes", label.Id.ToString())]);

        using var head = host.NewSession();
        await TestStaff.SignInAsync(host, head, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var deleted = await head.SubmitAsync(await head.GetAsync("/back-office/etiquettes"), $"Supprimer l'étiquette {label.Name}");

        Assert.Contains($"Étiquette « {label.Name} » supprimée : elle est retirée de 1 demande(s).", deleted.Text, StringComparison.Ordinal);
        Assert.Empty(Chips(await agent.GetAsync($"/back-office/demandes/{number}"), "dl.sheet"));
        Assert.Equal(["Étiquette créée (bleu)", "Étiquette supprimée (retirée de 1 demande(s))"], await AuditAsync("etiquette", label.Id.ToString()));
    }

    private sealed record Label(int Id, string Name);

    /// <summary>A label of the service, created through its head's page.</summary>
    private async Task<Label> CreateAsync(string name, string colour, string service = "DGFP")
    {
        using var head = host.NewSession();
        await TestStaff.SignInAsync(host, head, Roles.Supervisor, service, "Aminata", "Traoré");
        var unique = Unique(name);
        var saved = await head.SubmitAsync(await head.GetAsync("/back-office/etiquettes/nouvelle"), "Enregistrer l'étiquette", [("Name", unique), ("Colour", colour)]);
        Assert.Contains($"Étiquette « {unique} » enregistrée.", saved.Text, StringComparison.Ordinal);
        return new Label(await LabelIdAsync(unique), unique);
    }

    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 7)];

    private async Task<int> LabelIdAsync(string name) => (int)(await host.ScalarAsync("SELECT id FROM service_labels WHERE name = @n", ("n", name)))!;

    private async Task<int> ServiceIdAsync(string code) => (int)(await host.ScalarAsync("SELECT id FROM services WHERE code = @c", ("c", code)))!;

    private async Task<string[]> AuditAsync(string targetType, string targetId) =>
        await host.ScalarAsync("SELECT array_agg(action ORDER BY id) FROM audit_entries WHERE target_type = @k AND target_id = @t", ("k", targetType), ("t", targetId)) as string[] ?? [];

    private static string[] Chips(Page page, string within) =>
        page.Html.QuerySelectorAll($"{within} .label-chip").Select(c => c.TextContent.Trim()).ToArray();
}
