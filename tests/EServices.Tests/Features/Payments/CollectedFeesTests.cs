using System.Net;
using ClosedXML.Excel;
using EServices.Tests.Features.Dashboard;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Payments;

/// <summary>The dashboard's fees collected per service: payments confirmed in the period that count, in the page and its exports.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class CollectedFeesTests(PaymentsHost host)
{
    [Fact]
    public async Task The_dashboard_counts_the_paid_unflagged_payments_of_the_period_per_service()
    {
        var seed = await PaymentSeed.CreateAsync(host);
        static DateTimeOffset On(int month, int day) => new(2027, month, day, 9, 0, 0, TimeSpan.Zero);
        await seed.PaymentAsync(null, 5000, "Paid", On(3, 2));
        await seed.PaymentAsync(null, 2500, "Paid", On(3, 20), provider: "guichet", reference: $"Q-{Guid.NewGuid():N}"[..12], method: "TRESOR");
        await seed.PaymentAsync(null, 5000, "Paid", On(3, 21), flag: "RefundDue");
        await seed.PaymentAsync(null, 5000, "Paid", On(3, 21), flag: "WrongAmount", paid: 4000);
        await seed.PaymentAsync(null, 5000, "Pending", On(3, 22));
        await seed.PaymentAsync(null, 5000, "Failed", On(3, 22));
        await seed.PaymentAsync(null, 5000, "Paid", On(2, 27));
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");

        var page = await admin.GetAsync($"/admin/tableau-de-bord?du=2027-03-01&au=2027-03-26&service={seed.Service.ServiceId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var name = StatisticsTable.Names(page, "collected").Single();
        Assert.StartsWith(seed.Service.ServiceCode, name, StringComparison.Ordinal);
        var row = StatisticsTable.Row(page, "collected", name);
        Assert.Equal(("2", "7 500 FCFA"), (row["Paiements"], row["Montant encaissé"]));

        var february = StatisticsTable.Row(await admin.GetAsync($"/admin/tableau-de-bord?du=2027-02-01&au=2027-02-28&service={seed.Service.ServiceId}"), "collected", name);
        Assert.Equal("5 000 FCFA", february["Montant encaissé"]);

        var (_, csv, _) = await admin.DownloadAsync($"/admin/tableau-de-bord/export.csv?du=2027-03-01&au=2027-03-26&service={seed.Service.ServiceId}");
        var rows = ExportTests.ReadCsv(csv);
        Assert.Equal("7500", rows.Single(r => r["Niveau"] == "Service")["Frais encaissés (FCFA)"]);
        Assert.All(rows.Where(r => r["Niveau"] == "Démarche"), r => Assert.Equal("", r["Frais encaissés (FCFA)"]));

        var (_, xlsx, _) = await admin.DownloadAsync($"/admin/tableau-de-bord/export.xlsx?du=2027-03-01&au=2027-03-26&service={seed.Service.ServiceId}");
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        var sheet = workbook.Worksheet("Statistiques");
        var headers = sheet.Row(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var service = sheet.RowsUsed().Single(r => r.Cell(headers["Niveau"]).GetString() == "Service");
        Assert.Equal(7500.0, service.Cell(headers["Frais encaissés (FCFA)"]).GetDouble());
    }
}
