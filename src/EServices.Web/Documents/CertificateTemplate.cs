using System.Text.RegularExpressions;

namespace EServices.Web.Documents;

/// <summary>Certificate text with {{placeholders}}: {{nom}}, {{numero}}, {{date}}, any answer's key, and a few more.</summary>
public static partial class CertificateTemplate
{
    /// <summary>Placeholders every template may use besides the form's own keys.</summary>
    public static readonly IReadOnlyList<string> Common = ["nom", "numero", "date", "demarche", "service", "numero_demande"];

    public static IReadOnlyList<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>The placeholders of a template that are neither common, nor a field of the form, nor one of <paramref name="extra"/>.</summary>
    public static IReadOnlyList<string> Unknown(string? template, IReadOnlyCollection<string> fieldKeys, params string[] extra) =>
        Placeholders(template ?? "").Where(p => !Common.Contains(p) && !fieldKeys.Contains(p) && !extra.Contains(p)).ToList();

    /// <summary>Fills the placeholders; one without a value becomes an empty string rather than staying visible.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "");

    [GeneratedRegex(@"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
