using System.Globalization;
using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>ASVS V4.1.3 / V2.8 (issue 14, point 2): whether a decision needs a fresh second factor is decided on the command
/// as MVC binds it, the one that runs, not on the raw form. Repeated, prefixed, indexed or differently cased keys, or a
/// stray key naming a harmless move, never let an acceptance, a rejection or a revocation through without a recent code.</summary>
[Collection(SessionCollection.Name)]
public sealed class StepUpBindingTests(SessionHost host)
{
    private const string Heading = "Confirmez votre identité";

    private async Task<string> StatusAsync(string number) =>
        (string)(await host.ScalarAsync("SELECT status FROM requests WHERE number = @n", ("n", number)))!;

    private async Task<long> DecisionDocumentsAsync(string number) =>
        Convert.ToInt64(await host.ScalarAsync(
            "SELECT count(*) FROM issued_documents d JOIN requests r ON r.id = d.request_id WHERE r.number = @n AND d.kind <> 'Receipt'", ("n", number)), CultureInfo.InvariantCulture);

    private async Task AssertAskedAndNothingChangedAsync(Page page, string shape, IEnumerable<string> numbers)
    {
        Assert.True(page.Status == HttpStatusCode.OK && page.Html.QuerySelector("h1")?.TextContent == Heading,
            $"{shape}: expected the step-up page, got {(int)page.Status} « {page.Html.QuerySelector("h1")?.TextContent} »");
        foreach (var number in numbers)
        {
            Assert.Equal("UnderReview", await StatusAsync(number));
            Assert.Equal(0, await DecisionDocumentsAsync(number));
        }
    }

    [Fact]
    public async Task The_bulk_form_asks_for_a_code_for_the_operation_that_would_run_whatever_the_shape_of_its_keys()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        string[] numbers = [await AttestationJourney.FileAsync(applicant), await AttestationJourney.FileAsync(applicant), await AttestationJourney.FileAsync(applicant)];
        var (accepted, rejected, miscased) = (numbers[0], numbers[1], numbers[2]);
        using var agent = host.NewSession();
        var staff = await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await Forge.PostPageAsync(agent, "/back-office/lot", [.. numbers.Select(n => ("numeros", n)), ("operation", "prendre")]);
        Assert.All(numbers, n => Assert.Contains(n, taken.Text, StringComparison.Ordinal));
        Assert.Equal("UnderReview", await StatusAsync(accepted));

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        var shapes = new Dictionary<string, (string, string)[]>
        {
            ["prefixed"] = [("bulk.Numeros", accepted), ("bulk.Operation", "accepter")],
            ["prefixed, lower case"] = [("bulk.numeros", rejected), ("bulk.operation", "rejeter"), ("bulk.motif", "Pièce illisible")],
            ["prefixed and indexed"] = [("bulk.Numeros[0]", accepted), ("bulk.Operation", "accepter")],
            ["indexed"] = [("numeros[0]", accepted), ("operation", "accepter")],
            ["repeated"] = [("Numeros", rejected), ("Operation", "rejeter"), ("Operation", "rejeter"), ("Motif", "Pièce illisible")],
            ["raw key says take, bound key says accept"] = [("bulk.numeros", accepted), ("operation", "prendre"), ("bulk.operation", "accepter")],
            ["upper-case keys"] = [("NUMEROS", accepted), ("OPERATION", "accepter")],
            ["upper-case value"] = [("numeros", miscased), ("operation", "ACCEPTER")],
            ["capitalised value"] = [("numeros", miscased), ("operation", "Rejeter"), ("motif", "Pièce illisible")],
            ["value with spaces"] = [("numeros", miscased), ("operation", " accepter ")],
            ["usual"] = [("numeros", accepted), ("operation", "accepter")],
            ["usual rejection"] = [("numeros", rejected), ("operation", "rejeter"), ("motif", "Pièce illisible")],
        };
        var asked = new Dictionary<string, Page>();
        foreach (var (shape, fields) in shapes)
        {
            asked[shape] = await Forge.PostPageAsync(agent, "/back-office/lot", fields);
            await AssertAskedAndNothingChangedAsync(asked[shape], shape, numbers);
        }

        // The page posts back what was sent, bound the same way: with a fresh code, the prefixed acceptance runs.
        var done = await agent.SubmitAsync(asked["prefixed"], "Confirmer", [("CodeConfirmation", await Totp.NextAsync(staff.AuthenticatorKey!))]);
        Assert.Contains(accepted, done.Text, StringComparison.Ordinal);
        Assert.Equal("Accepted", await StatusAsync(accepted));
        Assert.Equal(1, await DecisionDocumentsAsync(accepted));

        // The code now counts for 15 minutes: the repeated-key rejection runs at once, a value that names no operation is refused.
        var rejection = await Forge.PostPageAsync(agent, "/back-office/lot", shapes["repeated"]);
        Assert.DoesNotContain(Heading, rejection.Text, StringComparison.Ordinal);
        Assert.Equal("Rejected", await StatusAsync(rejected));
        var refused = await Forge.PostPageAsync(agent, "/back-office/lot", shapes["upper-case value"]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Choisissez l'action à appliquer.", refused.Text, StringComparison.Ordinal);
        Assert.Equal("UnderReview", await StatusAsync(miscased));
        Assert.Equal(0, await DecisionDocumentsAsync(miscased));
    }

    [Fact]
    public async Task Accepting_rejecting_and_revoking_one_request_always_ask_for_a_code_whatever_else_the_form_carries()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var chief = host.NewSession();
        var staff = await TestStaff.SignInAsync(host, chief, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var taken = await chief.SubmitAsync(await chief.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");
        var version = taken.Html.QuerySelector("input[name=version]")!.GetAttribute("value")!;

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        var shapes = new (string Action, (string, string)[] Fields)[]
        {
            ("accepter", [("version", version)]),
            ("accepter", [("version", version), ("Operation", "prendre"), ("bulk.Operation", "prendre")]),
            ("accepter", [("VERSION", version), ("version", version)]),
            ("rejeter", [("version", version), ("motif", "Pièce illisible")]),
            ("rejeter", [("version", version), ("MOTIF", "Pièce illisible"), ("command.motif", "x"), ("Operation", "rejeter"), ("Operation", "rejeter")]),
            ("REJETER", [("version", version), ("motif", "Pièce illisible")]),
        };
        foreach (var (action, fields) in shapes)
        {
            var page = await Forge.PostPageAsync(chief, $"/back-office/demandes/{number}/{action}", fields);
            await AssertAskedAndNothingChangedAsync(page, $"{action} {string.Join('&', fields.Select(f => f.Item1))}", [number]);
        }

        var asked = await Forge.PostPageAsync(chief, $"/back-office/demandes/{number}/accepter", [("version", version), ("Operation", "prendre")]);
        var accepted = await chief.SubmitAsync(asked, "Confirmer", [("CodeConfirmation", await Totp.NextAsync(staff.AuthenticatorKey!))]);
        Assert.Contains($"Demande {number} : acceptée.", accepted.Text, StringComparison.Ordinal);
        Assert.Equal(1, await DecisionDocumentsAsync(number));

        host.Clock.Advance(TimeSpan.FromMinutes(16));
        var certificate = (Guid)(await host.ScalarAsync(
            "SELECT d.id FROM issued_documents d JOIN requests r ON r.id = d.request_id WHERE r.number = @n AND d.kind = 'Certificate'", ("n", number)))!;
        foreach (var fields in new (string, string)[][] { [("motif", "Erreur")], [("motif", "Erreur"), ("Operation", "prendre")], [("MOTIF", "Erreur"), ("motif", "Erreur")] })
        {
            var page = await Forge.PostPageAsync(chief, $"/back-office/documents/{certificate}/revoquer", fields);
            Assert.Equal(Heading, page.Html.QuerySelector("h1")?.TextContent);
            Assert.IsType<DBNull>(await host.ScalarAsync("SELECT revoked_at FROM issued_documents WHERE id = @d", ("d", certificate)));
        }
    }
}
