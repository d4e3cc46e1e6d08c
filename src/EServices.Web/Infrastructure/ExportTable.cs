using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;

namespace EServices.Web.Infrastructure;

/// <summary>A table to download, with French column headers; cells are plain values (int, double, DateOnly, text) or null.</summary>
public sealed record ExportTable(string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows)
{
    public const string CsvType = "text/csv; charset=utf-8";
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with
    {
        Separator = ';',
        WriteByteOrderMark = true,
        FormatProvider = French,
        Injection = CsvInjection.Escape,
    };

    /// <summary>CSV for Excel in French: UTF-8 with a byte order mark (or Excel garbles the accents), ";" between fields,
    /// decimal comma, dates as dd/MM/yyyy. A text that starts like a formula (=, +, -, @) is escaped: names typed by
    /// applicants end up in these files.</summary>
    public byte[] ToCsv()
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Csv, true))
        {
            csv.WriteHeader([.. Headers]);
            foreach (var row in Rows)
            {
                WriteCells(csv, row);
                csv.EndRecord();
            }

            csv.Flush();
        }

        return stream.ToArray();
    }

    /// <summary>The same CSV written to <paramref name="destination"/> as the rows come, for lists too long to hold in memory
    /// (a competition's 300 000 candidates): the writer's buffer goes out whenever it fills.</summary>
    public static async Task WriteCsvAsync(Stream destination, IReadOnlyList<string> headers, IAsyncEnumerable<object?[]> rows, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(destination, Csv, true);
        csv.WriteHeader([.. headers]);
        await foreach (var row in rows.WithCancellation(ct))
        {
            WriteCells(csv, row);
            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }

    private static void WriteCells(CsvWriter csv, object?[] row)
    {
        foreach (var cell in row)
        {
            if (cell is DateOnly date)
            {
                csv.WriteField(date, "dd/MM/yyyy");
            }
            else
            {
                csv.WriteField(cell);
            }
        }
    }

    /// <summary>One worksheet with numbers as numbers and dates as dates. Column widths are set from the text's length:
    /// ClosedXML's AdjustToContents needs System.Drawing, which Linux lacks.</summary>
    public byte[] ToXlsx()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName);
        for (var c = 0; c < Headers.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(Headers[c]);
            sheet.Column(c + 1).Width = Math.Clamp(Rows.Select(r => r[c]?.ToString()?.Length ?? 0).Append(Headers[c].Length).Max() + 2, 8, 60);
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        for (var r = 0; r < Rows.Count; r++)
        {
            for (var c = 0; c < Headers.Count; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                switch (Rows[r][c])
                {
                    case null:
                        break;
                    case int number:
                        cell.SetValue(number);
                        break;
                    case double number:
                        cell.SetValue(number);
                        break;
                    case DateOnly date:
                        cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                        cell.Style.DateFormat.Format = "dd/mm/yyyy";
                        break;
                    case var text:
                        cell.SetValue(text.ToString());
                        break;
                }
            }
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
