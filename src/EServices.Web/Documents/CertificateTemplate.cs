using System.Text.RegularExpressions;
using EServices.Web.Forms;

namespace EServices.Web.Documents;

/// <summary>Certificate text with {{placeholders}}: {{nom}}, {{numero}}, {{date}}, any answer's key, and a few more.</summary>
public static partial class CertificateTemplate
{
    /// <summary>Placeholders every template may use besides the form's own keys.</summary>
    public static readonly IReadOnlyList<string> Common = ["nom", "numero", "date", "demarche", "service", "numero_demande"];

    /// <summary>What each common placeholder stands for, as the template editor explains it.</summary>
    public static readonly IReadOnlyDictionary<string, string> Meanings = new Dictionary<string, string>
    {
        ["nom"] = "nom complet du demandeur",
        ["numero"] = "numéro du document (de la demande dans un e-mail)",
        ["date"] = "date du jour",
        ["demarche"] = "intitulé de la démarche",
        ["service"] = "service responsable",
        ["numero_demande"] = "numéro de suivi de la demande",
        ["motif"] = "motif du rejet saisi par l'agent",
        ["prenoms"] = "prénoms du demandeur",
        ["lien"] = "adresse de la demande dans l'espace du demandeur",
        ["statut"] = "nouvel état de la demande",
        ["depose_le"] = "date et heure du dépôt",
        ["echeance"] = "date limite de décision",
        ["message"] = "message de l'agent demandant un complément",
        ["date_limite"] = "date limite pour répondre au complément",
    };

    /// <summary>The answers a template can print: one value each (files, lists and tables cannot be).</summary>
    public static IEnumerable<FormField> Fields(FormDefinition definition) =>
        definition.AnswerFields.Where(f => f.Type is not (FieldType.File or FieldType.Repeat or FieldType.MultiChoice));

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
