using System.Text.RegularExpressions;

namespace EServices.Web.Domain.Documents;

/// <summary>Text with {{placeholders}}: the portal's words (<see cref="TemplateWords"/>) and the answers' keys.</summary>
public static partial class CertificateTemplate
{
    /// <summary>The answers a template can print (<see cref="TemplateWords.Answers"/>): all but files.</summary>
    public static IEnumerable<FormField> Fields(FormDefinition definition) =>
        definition.AnswerFields.Where(f => f.Kind.Shape != AnswerShape.File);

    public static IReadOnlyList<string> Placeholders(string template) =>
        Placeholder().Matches(template).Select(m => m.Groups[1].Value).Distinct().ToList();

    /// <summary>Fills the placeholders; one without a value becomes an empty string rather than staying visible.</summary>
    public static string Fill(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : "");

    [GeneratedRegex(@"\{\{\s*([a-z][a-z0-9_]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
