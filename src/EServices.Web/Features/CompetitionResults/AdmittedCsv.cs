using System.Text.RegularExpressions;
using CsvHelper;

namespace EServices.Web.Features.CompetitionResults;

/// <summary>A row of the file that cannot be imported: its line in the file, what it holds (cut short), why.</summary>
public sealed record BadRow(int Line, string Content, string Problem);

/// <summary>What a file of admitted candidates holds: the exam numbers with their line, and the rows that are not one.
/// Only the first <see cref="Shown"/> bad rows are kept (a wrong file may have 300 000), with their count.</summary>
public sealed class AdmittedFile
{
    public const int Shown = 50;

    public List<string> Numbers { get; } = [];
    public List<int> Lines { get; } = [];
    public List<BadRow> Bad { get; } = [];
    public int BadCount { get; set; }

    public void Refuse(int line, string content, string problem)
    {
        BadCount++;
        if (Bad.Count < Shown)
        {
            Bad.Add(new(line, content.Length > 40 ? content[..39] + "…" : content, problem));
        }
    }
}

/// <summary>Reads the CSV AGRE exports from its marks: one exam number a row (the first column; others are ignored),
/// « ; » or « , » between columns, a header line or not, a BOM, blank lines and spaces around values tolerated.</summary>
public static partial class AdmittedCsv
{
    public static AdmittedFile Read(byte[] content)
    {
        var file = new AdmittedFile();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var options = CsvReaderOptions.Default with
        {
            Separator = SeparatorOf(content),
            HasHeader = false,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            AllowLineBreaksInQuotes = false, // one stray quote must not swallow the rest of the file
            IncludeValuesInExceptions = false,
        };
        using var reader = CsvReader.Create(content.AsMemory(content.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0), options);
        var first = true;
        while (reader.Read())
        {
            var fields = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList();
            if (fields.All(string.IsNullOrWhiteSpace))
            {
                continue; // « ; ; », a spreadsheet's empty row
            }

            var line = (int)reader.LineNumber;
            var value = fields[0].Trim().ToUpperInvariant();
            var isHeader = first && !value.Any(char.IsAsciiDigit);
            first = false;
            if (isHeader)
            {
                continue;
            }

            if (value.Length == 0)
            {
                file.Refuse(line, reader.Current.ToString().Trim(), "numéro de table manquant dans la première colonne");
            }
            else if (!ExamNumber().IsMatch(value))
            {
                file.Refuse(line, fields[0].Trim(), "ce n'est pas un numéro de table (lettres, chiffres et tirets, 20 caractères au plus)");
            }
            else if (seen.TryGetValue(value, out var earlier))
            {
                file.Refuse(line, value, $"numéro en double (déjà à la ligne {earlier})");
            }
            else
            {
                seen[value] = line;
                file.Numbers.Add(value);
                file.Lines.Add(line);
            }
        }

        return file;
    }

    /// <summary>« ; » when the first line has one (French spreadsheets), else « , ». Not guessed among more: a file cut by
    /// tabulations or « | » must show its rows as unreadable rather than pass on a wrong column.</summary>
    private static char SeparatorOf(byte[] content)
    {
        var firstLine = content.AsSpan();
        while (firstLine.Length > 0 && firstLine[0] is (byte)'\r' or (byte)'\n')
        {
            firstLine = firstLine[1..];
        }

        var end = firstLine.IndexOfAny((byte)'\r', (byte)'\n');
        return (end < 0 ? firstLine : firstLine[..end]).Contains((byte)';') ? ';' : ',';
    }

    [GeneratedRegex(@"^(?=.*[0-9])[A-Z0-9][A-Z0-9/-]{0,19}\z")]
    private static partial Regex ExamNumber();
}
