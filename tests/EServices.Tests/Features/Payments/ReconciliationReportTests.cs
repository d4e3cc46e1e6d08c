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
        var url = $"/admin/paiements/rapport?jour=2027-03-25&rapport={seed.Service.ServiceId}&format=";

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
            rows.Skip(8).Select(r => (r["Montant payé (FCFA)"], r["Nombre"])));
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
        var page = await admin.GetAsync("/admin/paiements/rapport?jour=32/13/2027&rapport=abc&format=csv");
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Equal("Saisissez une date valide, par exemple 26/03/2027.", page.ErrorFor("jour"));
        Assert.Equal("Choisissez le service du rapport.", page.ErrorFor("rapport"));
        Assert.Equal("32/13/2027", page.ValueOf("jour"));
        Assert.Equal("Indiquez le jour du rapport.", (await admin.GetAsync("/admin/paiements/rapport?rapport=999999")).ErrorFor("jour"));
    }

    private void Paid(string transaction, int amount) =>
        host.Provider.Answer(transaction, new PaymentCheck(CheckVerdict.Paid, "00 SUCCES", amount, "XOF", "OM", "OM-" + transaction[^6..], "+22670000000", Day));
}
