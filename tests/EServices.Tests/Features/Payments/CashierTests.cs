using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Payments;

/// <summary>The counter: a cashier types the citizen's payment code, sees the fee and records the Treasury receipt.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class CashierTests(PaymentsHost host)
{
    [Fact]
    public async Task A_cashier_finds_a_draft_by_its_code_as_read_out_and_files_it_with_the_treasury_receipt()
    {
        var seed = await PaymentSeed.CreateAsync(host);
        var (id, code) = await seed.AwaitingAsync(5000);
        using var cashier = host.NewSession();
        await TestStaff.SignInAsync(host, cashier, Roles.Cashier, null, "Adama", "Ouattara");

        foreach (var typed in new[] { code.ToLowerInvariant(), code.Replace("-", " ", StringComparison.Ordinal), code[2..], $" {code[..5]} {code[5..]} " })
        {
            var found = await cashier.GetAsync($"/caisse?code={Uri.EscapeDataString(typed)}");
            Assert.Equal(HttpStatusCode.OK, found.Status);
            Assert.Equal(code, found.ValueOf("Code"));
        }

        var page = await cashier.GetAsync($"/caisse?code={code}");
        var due = page.Html.QuerySelector("dl.summary")!.TextContent;
        Assert.Contains(seed.Service.ProcedureTitle, due, StringComparison.Ordinal);
        Assert.Contains("Awa OUÉDRAOGO", due, StringComparison.Ordinal);
        Assert.Equal("5\u202F000\u00A0FCFA", page.Html.GetElementById("montant-du")!.TextContent);
        Assert.DoesNotContain("Mes demandes", page.Text, StringComparison.Ordinal);

        var refused = await cashier.SubmitAsync(page, "Enregistrer la quittance", [("ReceiptNumber", ""), ("Amount", "5 000,50")]);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("Saisissez le numéro de la quittance du Trésor.", refused.ErrorFor("ReceiptNumber"));
        Assert.StartsWith("Saisissez le montant de la quittance", refused.ErrorFor("Amount"), StringComparison.Ordinal);
        Assert.Equal("5 000,50", refused.ValueOf("Amount"));

        var receipt = $"Q-{Guid.NewGuid():N}"[..14];
        var key = receipt.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant(); // the receipt's one form, whatever its dashes
        var filed = await cashier.SubmitAsync(refused, "Enregistrer la quittance", [("ReceiptNumber", receipt.ToLowerInvariant()), ("Amount", "5 000")]);
        Assert.Equal("/caisse", filed.Url);
        var number = (string)(await host.ScalarAsync("SELECT number FROM requests WHERE id = @id AND status = 'Submitted'", ("id", id)))!;
        Assert.Contains($"Quittance {key} enregistrée : la demande {number} est déposée", filed.Text, StringComparison.Ordinal);
        Assert.Equal(1L, await host.ScalarAsync(
            "SELECT count(*) FROM audit_entries WHERE target_type = 'paiement' AND action LIKE 'Quittance du Trésor%' AND target_id = (SELECT transaction_id FROM payments WHERE reference = @r)",
            ("r", key)));

        // The same receipt again, then a second receipt for the request now paid.
        var again = await cashier.SubmitAsync(await cashier.GetAsync($"/caisse?code={code}"), "Enregistrer la quittance", [("ReceiptNumber", receipt), ("Amount", "5000")]);
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Equal($"La quittance {key} est déjà enregistrée : vérifiez son numéro.", again.ErrorFor("ReceiptNumber"));
        Assert.Equal("5000", again.ValueOf("Amount"));
        Assert.Contains($"Cette demande est déjà payée (n° {number})", again.Text, StringComparison.Ordinal);

        var second = await cashier.SubmitAsync(again, "Enregistrer la quittance", [("ReceiptNumber", receipt + "B"), ("Amount", "5000")]);
        Assert.Contains($"la demande {number} était déjà payée : elle est signalée « À rembourser »", second.Text, StringComparison.Ordinal);
        Assert.Equal("RefundDue", await host.ScalarAsync("SELECT flag FROM payments WHERE reference = @r", ("r", key + "B")));
    }

    [Fact]
    public async Task A_receipt_of_another_amount_is_recorded_and_flagged_and_the_draft_still_waits()
    {
        using var cashier = host.NewSession();
        var (id, code, receipt) = await CounterAsync(cashier);
        var asked = await cashier.SubmitAsync(await cashier.GetAsync($"/caisse?code={code}"), "Enregistrer la quittance", [("ReceiptNumber", receipt), ("Amount", "4000")]);
        Assert.Equal("Le montant saisi (4\u202F000\u00A0FCFA) diffère du montant dû (5\u202F000\u00A0FCFA). Confirmez-vous la quittance ?", asked.Html.QuerySelector("#confirmation p")!.TextContent);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE reference = @r", ("r", receipt)));
        var flagged = await cashier.SubmitAsync(asked, "Oui, enregistrer la quittance");
        Assert.Contains($"Quittance {receipt} enregistrée, mais son montant (4 000 FCFA) n'est pas le montant dû (5 000 FCFA)", flagged.Text, StringComparison.Ordinal);
        Assert.Equal("WrongAmount", await host.ScalarAsync("SELECT flag FROM payments WHERE reference = @r", ("r", receipt)));
        Assert.Equal(true, await host.ScalarAsync("SELECT number IS NULL AND awaiting_payment_since IS NOT NULL FROM requests WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_mistyped_amount_is_refused_beside_its_field_and_uses_up_nothing()
    {
        using var cashier = host.NewSession();
        var (id, code, receipt) = await CounterAsync(cashier);
        var page = await cashier.GetAsync($"/caisse?code={code}");

        foreach (var typo in new[] { "5000.00", "5,5", "5000 F", "50.00", "5 00", new string('9', 200) })
        {
            page = await cashier.SubmitAsync(page, "Enregistrer la quittance", [("ReceiptNumber", receipt), ("Amount", typo)]);
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Equal("Saisissez le montant de la quittance en francs CFA entiers : chiffres seuls ou par milliers (ex. 5000 ou 5 000), sans décimales ni « F ».", page.ErrorFor("Amount"));
            Assert.Equal((typo, receipt), (page.ValueOf("Amount"), page.ValueOf("ReceiptNumber")));
        }

        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE reference = @r", ("r", receipt)));
        var filed = await cashier.SubmitAsync(page, "Enregistrer la quittance", [("Amount", "5.000")]);
        Assert.Contains($"Quittance {receipt} enregistrée : la demande", filed.Text, StringComparison.Ordinal);
        Assert.Equal((5000, "Submitted"), ((int)(await host.ScalarAsync("SELECT paid_amount FROM payments WHERE reference = @r", ("r", receipt)))!,
            (string)(await host.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", id)))!));
    }

    [Fact]
    public async Task An_amount_other_than_the_fee_is_recorded_only_once_confirmed_and_can_be_corrected_instead()
    {
        using var cashier = host.NewSession();
        var (id, code, receipt) = await CounterAsync(cashier);

        var asked = await cashier.SubmitAsync(await cashier.GetAsync($"/caisse?code={code}"), "Enregistrer la quittance", [("ReceiptNumber", receipt), ("Amount", "50 000")]);
        Assert.Equal(HttpStatusCode.OK, asked.Status);
        Assert.Equal("Le montant saisi (50\u202F000\u00A0FCFA) diffère du montant dû (5\u202F000\u00A0FCFA). Confirmez-vous la quittance ?",
            asked.Html.QuerySelector("#confirmation p")!.TextContent);
        Assert.Equal("50 000", asked.ValueOf("Amount"));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE reference = @r", ("r", receipt)));

        // The confirmation is checked again: a forged one with a bad amount is refused like any other.
        var forged = await cashier.SubmitAsync(asked, "Oui, enregistrer la quittance", [("Amount", "50000.00")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE reference = @r", ("r", receipt)));

        var corrected = await cashier.SubmitAsync(asked, "Enregistrer la quittance", [("Amount", "5000")]);
        Assert.Contains($"Quittance {receipt} enregistrée : la demande", corrected.Text, StringComparison.Ordinal);
        Assert.Equal("Submitted", await host.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", id)));
        Assert.Equal("None", await host.ScalarAsync("SELECT flag FROM payments WHERE reference = @r", ("r", receipt)));
    }

    [Fact]
    public async Task One_treasury_receipt_typed_three_ways_is_counted_once()
    {
        var seed = await PaymentSeed.CreateAsync(host);
        var (first, firstCode) = await seed.AwaitingAsync(5000);
        var (second, secondCode) = await seed.AwaitingAsync(5000);
        using var cashier = host.NewSession();
        await TestStaff.SignInAsync(host, cashier, Roles.Cashier, null);
        var digits = new string([.. Guid.NewGuid().ToString("N").Where(char.IsAsciiDigit).Take(6)]).PadRight(6, '7');

        var filed = await cashier.SubmitAsync(await cashier.GetAsync($"/caisse?code={firstCode}"), "Enregistrer la quittance", [("ReceiptNumber", $"q {digits}"), ("Amount", "5000")]);
        Assert.Contains($"Quittance Q{digits} enregistrée", filed.Text, StringComparison.Ordinal);
        foreach (var typed in new[] { $"Q{digits}", $"Q-{digits[..3]}.{digits[3..]}", $"q/{digits}" })
        {
            var again = await cashier.SubmitAsync(await cashier.GetAsync($"/caisse?code={secondCode}"), "Enregistrer la quittance", [("ReceiptNumber", typed), ("Amount", "5000")]);
            Assert.Equal(HttpStatusCode.BadRequest, again.Status);
            Assert.Equal($"La quittance Q{digits} est déjà enregistrée : vérifiez son numéro.", again.ErrorFor("ReceiptNumber"));
            Assert.Equal(typed, again.ValueOf("ReceiptNumber"));
        }

        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE provider = 'guichet' AND reference = @r", ("r", $"Q{digits}")));
        Assert.Equal(true, await host.ScalarAsync(
            "SELECT (SELECT status FROM requests WHERE id = @a) = 'Submitted' AND (SELECT status FROM requests WHERE id = @b) = 'Draft'", ("a", first), ("b", second)));
    }

    [Theory]
    [InlineData("P-ZZZZZZZZ", "Aucune demande n'attend de paiement avec ce code : vérifiez-le avec l'usager.")]
    [InlineData("abc", "Le code de paiement s'écrit P- suivi de 8 lettres et chiffres (ex. P-7K3M9Q2X).")]
    [InlineData("P-12345678%3Cscript%3E", "Le code de paiement s'écrit P- suivi de 8 lettres et chiffres (ex. P-7K3M9Q2X).")]
    public async Task An_unknown_or_malformed_code_is_told_beside_the_field(string code, string message)
    {
        using var cashier = host.NewSession();
        await TestStaff.SignInAsync(host, cashier, Roles.Cashier, null);
        var page = await cashier.GetAsync($"/caisse?code={code}&ReceiptNumber=Q-1&Amount=5000");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal(message, page.ErrorFor("Code"));
        Assert.Equal("Q-1", page.Html.QuerySelector("input[type=hidden][name=ReceiptNumber]")!.GetAttribute("value"));

        var posted = await cashier.SubmitAsync(await cashier.GetAsync("/caisse"), "Rechercher", [("Code", "P-ZZZZZZZZ")]);
        Assert.NotEqual(HttpStatusCode.InternalServerError, posted.Status);
    }

    [Fact]
    public async Task A_cashier_reaches_only_the_counter_and_no_one_else_reaches_it()
    {
        var seed = await PaymentSeed.CreateAsync(host);
        var number = await seed.Service.RequestAsync("Submitted", "2027-03-20");
        using var cashier = host.NewSession();
        await TestStaff.SignInAsync(host, cashier, Roles.Cashier, seed.Service.ServiceCode);
        Assert.Contains("Caisse", (await cashier.GetAsync("/caisse")).Html.QuerySelector("nav .nav")!.TextContent, StringComparison.Ordinal);
        foreach (var url in new[] { "/back-office", $"/back-office/demandes/{number}", "/admin", "/admin/paiements", "/admin/tableau-de-bord", "/admin/journal", "/mes-demandes" })
        {
            var page = await cashier.GetAsync(url, follow: false);
            Assert.True(page.Location?.Contains("/compte/acces-refuse", StringComparison.Ordinal) == true, $"{url}: {page.Status} {page.Location}");
        }

        foreach (var role in new[] { Roles.Agent, Roles.Supervisor, Roles.Admin })
        {
            using var staff = host.NewSession();
            await TestStaff.SignInAsync(host, staff, role, role == Roles.Admin ? null : seed.Service.ServiceCode);
            var page = await staff.GetAsync("/caisse", follow: false);
            Assert.True(page.Location?.Contains("/compte/acces-refuse", StringComparison.Ordinal) == true, $"{role}: {page.Status} {page.Location}");
        }
    }

    [Fact]
    public async Task An_administrator_gives_the_cashier_role_without_any_service()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var form = await admin.ClickAsync(await admin.GetAsync("/admin/agents"), "Inviter un agent");
        Assert.Contains("Caissier", form.Html.QuerySelector("#Role")!.TextContent, StringComparison.Ordinal);
        var email = $"caisse-{Guid.NewGuid():N}@tresor.gov.bf";
        var sent = await admin.SubmitAsync(form, "Envoyer l'invitation", [("Email", email), ("LastName", "Ouattara"), ("FirstNames", "Adama"), ("Role", Roles.Cashier)]);
        Assert.NotEqual(HttpStatusCode.BadRequest, sent.Status);
        Assert.Equal(Roles.Cashier, await host.ScalarAsync(
            "SELECT r.name FROM \"AspNetUserRoles\" ur JOIN \"AspNetRoles\" r ON r.id = ur.role_id JOIN \"AspNetUsers\" u ON u.id = ur.user_id WHERE u.email = @e", ("e", email)));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE action LIKE 'Agent invité (Caissier%' AND target_label LIKE '%' || @e || '%'", ("e", email)));
    }

    /// <summary>A draft waiting for 5 000 FCFA, the cashier signed in, and a receipt number of its own.</summary>
    private async Task<(Guid Id, string Code, string Receipt)> CounterAsync(WebSession cashier)
    {
        var (id, code) = await (await PaymentSeed.CreateAsync(host)).AwaitingAsync(5000);
        await TestStaff.SignInAsync(host, cashier, Roles.Cashier, null);
        return (id, code, $"R{Guid.NewGuid():N}"[..14].ToUpperInvariant());
    }
}
