using System.Globalization;
using System.Net;
using ClosedXML.Excel;
using CsvHelper;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Dashboard;

/// <summary>The exports read back with CsvHelper and ClosedXML, as a spreadsheet would, and compared with the page.</summary>
[Collection(WebCollection.Name)]
public sealed class ExportTests(HostFixture host)
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>The columns of the page's table by procedure and the export's column with the same figure.</summary>
    private static readonly (string Page, string Export)[] Columns =
    [
        ("Délai cible (jours ouvrables)", "Délai cible (jours ouvrables)"), ("Déposées", "Déposées"), ("Décidées", "Décidées"),
        ("Acceptées", "Acceptées"), ("Rejetées", "Rejetées"), ("Délai médian (jours ouvrables)", "Délai médian (jours ouvrables)"),
        ("Délai 90e centile", "Délai 90e centile (jours ouvrables)"), ("Dans le délai", "Décidées dans le délai (%)"),
        ("En cours", "En cours"), ("En attente du demandeur", "En attente du demandeur"), ("En retard", "En retard"),
    ];

    [Fact]
    public async Task The_statistics_exports_hold_the_figures_of_the_page()
    {
        var seed = await DashboardTests.SeedMarchAsync(host);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var page = await admin.GetAsync($"/admin/tableau-de-bord?du=2027-03-01&au=2027-03-26&service={seed.ServiceId}");
        var onPage = StatisticsTable.Row(page, "by-procedure", seed.ProcedureTitle);

        var csvLink = page.Html.QuerySelectorAll("a").Single(a => a.TextContent == "Exporter (CSV)").GetAttribute("href")!;
        Assert.Equal($"/admin/tableau-de-bord/export.csv?du=2027-03-01&au=2027-03-26&service={seed.ServiceId}", csvLink);
        var (status, csv, response) = await admin.DownloadAsync(csvLink);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, csv[..3]);
        var rows = ReadCsv(csv);
        var line = rows.Single(r => r["Niveau"] == "Démarche" && r["Démarche"] == seed.ProcedureTitle);
        Assert.Equal(seed.ServiceCode, line["Service"]);
        foreach (var (pageColumn, exportColumn) in Columns)
        {
            Assert.True(Number(onPage[pageColumn]) == Number(line[exportColumn]), $"{exportColumn}: {line[exportColumn]} in the CSV, {onPage[pageColumn]} on the page");
        }

        // Plain numbers with a decimal comma, as French Excel reads them; figures counted by hand in DashboardTests.
        Assert.Equal(("7,7", "50"), (line["Délai 90e centile (jours ouvrables)"], line["Décidées dans le délai (%)"]));
        Assert.Single(rows, r => r["Niveau"] == "Service" && r["Service"] == seed.ServiceCode);

        var xlsxLink = page.Html.QuerySelectorAll("a").Single(a => a.TextContent == "Exporter (Excel)").GetAttribute("href")!;
        var (xlsxStatus, xlsx, _) = await admin.DownloadAsync(xlsxLink);
        Assert.Equal(HttpStatusCode.OK, xlsxStatus);
        using var workbook = new XLWorkbook(new MemoryStream(xlsx));
        var sheet = workbook.Worksheet("Statistiques");
        var headers = sheet.Row(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var row = sheet.RowsUsed().Single(r => r.Cell(headers["Démarche"]).GetString() == seed.ProcedureTitle);
        foreach (var (pageColumn, exportColumn) in Columns)
        {
            var cell = row.Cell(headers[exportColumn]);
            Assert.Equal(XLDataType.Number, cell.DataType);
            Assert.True(Number(onPage[pageColumn]) == cell.GetDouble(), $"{exportColumn}: {cell.GetDouble()} in the workbook, {onPage[pageColumn]} on the page");
        }
    }

    [Fact]
    public async Task The_inbox_export_holds_the_requests_of_the_active_tab_and_filters_without_test_filings()
    {
        var seed = await DashboardTests.SeedMarchAsync(host);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, seed.ServiceCode);

        var overdue = await agent.GetAsync("/back-office?onglet=en-retard");
        var onPage = overdue.Html.QuerySelectorAll("table.inbox tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        var link = overdue.Html.QuerySelectorAll("a").Single(a => a.TextContent == "Exporter (CSV)").GetAttribute("href")!;
        Assert.Contains("onglet=en-retard", link, StringComparison.Ordinal);
        var exported = ReadCsv((await agent.DownloadAsync(link)).Content);
        Assert.Single(onPage);
        Assert.Equal(onPage, exported.Select(r => r["Numéro"]));
        Assert.Equal(("Oui", "En instruction", "22/03/2027", "15/03/2027"), (exported[0]["En retard"], exported[0]["État"], exported[0]["Échéance"], exported[0]["Déposée le"]));

        // Decided requests: the test filing shows in the inbox but is left out of the export, as from every figure.
        var done = await agent.GetAsync("/back-office?onglet=traitees");
        var doneOnPage = done.Html.QuerySelectorAll("table.inbox tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
        var testNumber = (string)(await host.ScalarAsync("SELECT number FROM requests WHERE procedure_id = @p AND is_test", ("p", seed.ProcedureId)))!;
        Assert.Contains(testNumber, doneOnPage);
        var doneExported = ReadCsv((await agent.DownloadAsync("/back-office/export.csv?onglet=traitees")).Content).Select(r => r["Numéro"]).ToList();
        Assert.Equal(doneOnPage.Where(n => n != testNumber).Order(), doneExported.Order());

        // A search narrows the export as it narrows the list; the Excel file has the same lines.
        var search = await agent.GetAsync($"/back-office?onglet=traitees&q={doneExported[0]}");
        var excelLink = search.Html.QuerySelectorAll("a").Single(a => a.TextContent == "Exporter (Excel)").GetAttribute("href")!;
        using var workbook = new XLWorkbook(new MemoryStream((await agent.DownloadAsync(excelLink)).Content));
        var sheet = workbook.Worksheet("Demandes");
        Assert.Equal(2, sheet.RowsUsed().Count());
        Assert.Equal(doneExported[0], sheet.Cell(2, 1).GetString());
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 5).DataType);
    }

    internal static List<Dictionary<string, string>> ReadCsv(byte[] content)
    {
        using var reader = CsvReader.Create(content, CsvReaderOptions.Default with { Separator = ';' });
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => reader.GetString(x.i)));
        }

        return rows;
    }

    /// <summary>A figure as the page or the CSV writes it ("7,7", "50 %", "—"), as a number; null when there is none.</summary>
    private static double? Number(string text)
    {
        var plain = text.Replace("%", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        return plain is "" or "—" ? null : double.Parse(plain, French);
    }
}
