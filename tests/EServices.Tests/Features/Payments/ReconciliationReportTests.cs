using System.Net;
using ClosedXML.Excel;
using EServices.Tests.Features.Dashboard;
using EServices.Tests.Infrastructure;
using EServices.Web.Payments;

namespace EServices.Tests.Features.Payments;

/// <summary>The daily reconciliation report: every attempt of the day beside the provider's answer, differences first, totals last.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class ReconciliationReportTests(PaymentsHost host)
{
    private static readonly DateTimeOffset Day = new(2027, 3, 25, 8, 0, 0, TimeSpan.Zero);
    private static readonly string Count = "Nombre (totaux : payés et signalés le jour du paiement, remboursés le jour du remboursement, en attente et échoués le jour de la création)";

    [Fact]
    public async Task The_report_lists_the_differences_first_then_every_attempt_then_the_totals_in_both_formats()
    {
        var seed = await PaymentSeed.CreateAsync(host);
        var agreed = await seed.PaymentAsync(null, 5000, "Paid", Day, reference: "=HYPERLINK(\"http://x\")");
        var notTheirs = await seed.PaymentAsync(null, 5000, "Paid", Day.AddHours(1));
        var notOurs = await seed.PaymentAsync(null, 5000, "Pending", Day.AddHours(2));
        var amounts = await seed.PaymentAsync(null, 5000, "Paid", Day.AddHours(3));
        var refundDue = await seed.PaymentAsync(null, 5000, "Paid", Day.AddHours(4), flag: "RefundDue");
        var failed = await seed.PaymentAsync(null, 5000, "Failed", Day.AddHours(5));
        var counter = await seed.PaymentAsync(null, 5000, "Paid", Day.AddHours(6), provider: "guichet", reference: "Q-1", method: "TRESOR");
        var refunded = await seed.PaymentAsync(null, 5000, "Paid", Day.AddHours(7), flag: "WrongAmount", paid: 4000, refunded: Day.AddHours(9));
        var otherDay = await seed.PaymentAsync(null, 5000, "Paid", Day.AddDays(-2));
        Paid(agreed, 5000);
        host.Provider.Answer(notTheirs, new PaymentCheck(CheckVerdict.Refused, "627 TRANSACTION_CANCEL"));
        Paid(notOurs, 5000);
        Paid(amounts, 4500);
        Paid(refundDue, 5000);
        host.Provider.Answer(failed, new PaymentCheck(CheckVerdict.Refused, "600 PAYMENT_FAILED"));
        Paid(refunded, 4000);

        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var list = await admin.GetAsync("/admin/paiements");
        Assert.NotNull(list.Html.QuerySelector("form[action='/admin/paiements/rapport']"));
        var url = $"/admin/paiements/rapport?jour=2027-03-25&service={seed.Service.ServiceId}&format=";

        var (status, csv, response) = await admin.DownloadAsync(url + "csv");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"rapprochement-{seed.Service.ServiceCode}-2027-03-25.csv", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var rows = ExportTests.ReadCsv(csv);
        Assert.Equal(
            [
                ("Écart", "Payé chez nous, pas chez le fournisseur", notTheirs), ("Écart", "Payé chez le fournisseur, pas chez nous", notOurs),
                ("Écart", "Montants différents", amounts), ("Écart", "Signalé : à rembourser", refundDue),
                ("Paiement", "", agreed), ("Paiement", "", failed), ("Paiement", "", counter), ("Paiement", "", refunded),
                ("Total", "Payés", ""), ("Total", "En attente", ""), ("Total", "Échoués ou expirés", ""), ("Total", "Remboursés", ""), ("Total", "Signalés, à rembourser", ""),
            ],
            rows.Select(r => (r["Ligne"], r["Écart"], r["Transaction"])));
        Assert.DoesNotContain(rows, r => r["Transaction"] == otherDay);
        Assert.Equal(("Payé", "Refusé ou annulé (627 TRANSACTION_CANCEL)"), (rows[0]["Notre statut"], rows[0]["Réponse du fournisseur"]));
        Assert.Equal(("5000", "4500"), (rows[2]["Montant payé (FCFA)"], rows[2]["Montant selon le fournisseur (FCFA)"]));
        Assert.Equal("quittance du Trésor (sans fournisseur)", rows[6]["Réponse du fournisseur"]);
        Assert.StartsWith("Remboursé le 25/03/2027", rows[7]["Signalement"], StringComparison.Ordinal);
        Assert.Equal(
            [("20000", "4"), ("", "1"), ("", "1"), ("4000", "1"), ("5000", "1")],
            rows.Skip(8).Select(r => (r["Montant payé (FCFA)"], r[Count])));
        // A reference that looks like a formula is written as text, never run by the spreadsheet.
        Assert.StartsWith("'=HYPERLINK", rows[4]["Référence"], StringComparison.Ordinal);

        var (xlsxStatus, xlsx, _) = await admin.DownloadAsync(url + "xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsxStatus);
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        var sheet = workbook.Worksheet("Rapprochement");
        Assert.Equal(14, sheet.RowsUsed().Count());
        Assert.Equal((notTheirs, "Payé chez nous, pas chez le fournisseur"), (sheet.Cell(2, 3).GetString(), sheet.Cell(2, 2).GetString()));
        Assert.Equal(("Payés", 20000.0, 4.0), (sheet.Cell(10, 2).GetString(), sheet.Cell(10, 12).GetDouble(), sheet.Cell(10, 15).GetDouble()));
    }

    [Fact]
    public async Task A_report_without_a_day_or_a_service_is_refused_beside_its_fields()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var page = await admin.GetAsync("/admin/paiements/rapport?jour=32/13/2027&service=abc&format=csv");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Saisissez une date valide, par exemple 26/03/2027.", page.ErrorFor("jour"));
        Assert.Equal("Choisissez le service du rapport.", page.ErrorFor("rapport-service"));
        Assert.Equal("32/13/2027", page.ValueOf("jour"));
        Assert.Equal("Indiquez le jour du rapport.", (await admin.GetAsync("/admin/paiements/rapport?service=999999")).ErrorFor("jour"));
    }

    [Fact]
    public async Task A_payment_counts_in_the_totals_of_the_day_it_was_paid_or_refunded_never_twice()
    {
        var seed = await PaymentSeed.CreateAsync(host);
        var before = Day.AddDays(-1);
        var paidNextDay = await seed.PaymentAsync(null, 5000, "Paid", before);
        var refundedNextDay = await seed.PaymentAsync(null, 5000, "Paid", before.AddHours(1), flag: "RefundDue", refunded: Day);
        await seed.PaymentAsync(null, 5000, "Pending", before.AddHours(2));
        await host.ScalarAsync("UPDATE payments SET paid_at = @at WHERE transaction_id = @t", ("at", Day), ("t", paidNextDay));
        Paid(paidNextDay, 5000);
        Paid(refundedNextDay, 5000);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");

        async Task<List<(string, string, string)>> TotalsAsync(DateTimeOffset day)
        {
            var (status, csv, _) = await admin.DownloadAsync($"/admin/paiements/rapport?jour={day:yyyy-MM-dd}&service={seed.Service.ServiceId}&format=csv");
            Assert.Equal(HttpStatusCode.OK, status);
            return [.. ExportTests.ReadCsv(csv).Where(r => r["Ligne"] == "Total").Select(r => (r["Écart"], r["Montant payé (FCFA)"], r[Count]))];
        }

        Assert.Equal(
            [("Payés", "0", "0"), ("En attente", "", "1"), ("Échoués ou expirés", "", "0"), ("Remboursés", "0", "0"), ("Signalés, à rembourser", "0", "0")],
            await TotalsAsync(before));
        Assert.Equal(
            [("Payés", "5000", "1"), ("En attente", "", "0"), ("Échoués ou expirés", "", "0"), ("Remboursés", "5000", "1"), ("Signalés, à rembourser", "0", "0")],
            await TotalsAsync(Day));
    }

    [Fact]
    public async Task The_report_asks_the_provider_about_at_most_500_attempts_and_says_which_it_did_not_ask()
    {
        var seed = await PaymentSeed.CreateAsync(host);
        var day = new DateTimeOffset(2027, 4, 2, 6, 0, 0, TimeSpan.Zero);
        var prefix = "ESL" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await host.ScalarAsync(
            """
            INSERT INTO payments (id, transaction_id, provider, service_id, procedure_id, amount, status, flag, last_answer, created_at, updated_at, checks, check_until)
            SELECT gen_random_uuid(), @p || lpad(i::text, 4, '0'), 'cinetpay', @service, @procedure, 5000, 'Pending', 'None', '662 WAITING_CUSTOMER_PAYMENT',
                   @at + i * interval '1 second', @at, 1, @at + interval '2 days'
            FROM generate_series(1, 501) i
            """,
            ("p", prefix), ("service", seed.Service.ServiceId), ("procedure", seed.Service.ProcedureId), ("at", day));
        host.Provider.Answer(prefix + "0001", new PaymentCheck(CheckVerdict.Refused, "627 TRANSACTION_CANCEL"));
        host.Provider.Answer(prefix + "0501", new PaymentCheck(CheckVerdict.Paid, "00 SUCCES", 5000, "XOF", "OM", "OM-1", "+22670000000", day));
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");

        var (status, csv, _) = await admin.DownloadAsync($"/admin/paiements/rapport?jour=2027-04-02&service={seed.Service.ServiceId}&format=csv");
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = ExportTests.ReadCsv(csv).Where(r => r["Ligne"] != "Total").ToDictionary(r => r["Transaction"]);
        Assert.Equal(501, rows.Count);
        Assert.Equal("Refusé ou annulé (627 TRANSACTION_CANCEL)", rows[prefix + "0001"]["Réponse du fournisseur"]);
        Assert.Equal("réponse du fournisseur non demandée (limite) ; dernière réponse enregistrée : 662 WAITING_CUSTOMER_PAYMENT", rows[prefix + "0501"]["Réponse du fournisseur"]);
        Assert.Single(rows.Values, r => r["Réponse du fournisseur"].StartsWith("réponse du fournisseur non demandée (limite)", StringComparison.Ordinal));
    }

    private void Paid(string transaction, int amount) =>
        host.Provider.Answer(transaction, new PaymentCheck(CheckVerdict.Paid, "00 SUCCES", amount, "XOF", "OM", "OM-" + transaction[^6..], "+22670000000", Day));
}
