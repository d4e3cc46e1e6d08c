using System.Globalization;

namespace EServices.Web.Domain.Documents;

/// <summary>The texts an administrator writes with {{words}}: each allows its own portal words.</summary>
public enum TemplateText
{
    Certificate,
    RefusalLetter,
    SubmittedEmail,
    CorrectionEmail,
    AcceptedEmail,
    RejectedEmail,
    OtherEmail,
}

/// <summary>What the portal knows of a request when it fills a text: real for an issued document or an e-mail,
/// made up for a preview (<see cref="TemplateWords.SampleFacts"/>).</summary>
public sealed record TemplateFacts(
    string ApplicantName,
    string FirstNames,
    string DocumentNumber,
    DateOnly Today,
    string ProcedureTitle,
    string ServiceName,
    string RequestNumber,
    string DecisionReason,
    string Link,
    string Status,
    string SubmittedAt,
    string DueOn,
    string CorrectionMessage,
    string CorrectionDeadline);

/// <summary>One word of the portal: its name, what it stands for (in French, for the administrator), in which
/// texts it may be written, and how its value is computed.</summary>
public sealed record TemplateWord(string Name, string Meaning, IReadOnlySet<TemplateText> Where, Func<TemplateFacts, string> Value);

/// <summary>
/// The one registry of template words, read by the editors' check, the preview and the fill. A text names a portal
/// word or an answer by its key, without prefix: a field's key can never be a portal word (the form builder refuses
/// it, migration ReservedTemplateWords renamed the old ones), and if one ever were, the portal word wins.
/// </summary>
public static class TemplateWords
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    private static readonly TemplateText[] Emails =
        [TemplateText.SubmittedEmail, TemplateText.CorrectionEmail, TemplateText.AcceptedEmail, TemplateText.RejectedEmail, TemplateText.OtherEmail];

    private static readonly TemplateText[] Everywhere = [TemplateText.Certificate, TemplateText.RefusalLetter, .. Emails];

    public static readonly IReadOnlyList<TemplateWord> All =
    [
        Word("nom", "nom complet du demandeur, tel que sur son compte et sur la page de vérification", Everywhere, f => f.ApplicantName),
        Word("numero", "numéro du document délivré, ou de la demande dans un e-mail", Everywhere, f => f.DocumentNumber),
        Word("date", "date du jour, en toutes lettres", Everywhere, f => f.Today.ToString("d MMMM yyyy", French)),
        Word("demarche", "intitulé de la démarche", Everywhere, f => f.ProcedureTitle),
        Word("service", "service responsable", Everywhere, f => f.ServiceName),
        Word("numero_demande", "numéro de suivi de la demande", Everywhere, f => f.RequestNumber),
        Word("motif", "motif du rejet saisi par l'agent", [TemplateText.RefusalLetter, TemplateText.RejectedEmail], f => f.DecisionReason),
        Word("prenoms", "prénoms du demandeur, tels que sur son compte", Emails, f => f.FirstNames),
        Word("lien", "adresse de la demande dans l'espace du demandeur", Emails, f => f.Link),
        Word("statut", "nouvel état de la demande", Emails, f => f.Status),
        Word("depose_le", "date et heure du dépôt", Emails, f => f.SubmittedAt),
        Word("echeance", "date limite de décision", Emails, f => f.DueOn),
        Word("message", "message de l'agent demandant un complément", [TemplateText.CorrectionEmail], f => f.CorrectionMessage),
        Word("date_limite", "date limite pour répondre au complément", [TemplateText.CorrectionEmail], f => f.CorrectionDeadline),
    ];

    private static readonly Dictionary<string, TemplateWord> ByName = All.ToDictionary(w => w.Name);

    /// <summary>The text of the e-mail sent when a request reaches <paramref name="status"/>.</summary>
    public static TemplateText EmailOf(RequestStatus status) => status switch
    {
        RequestStatus.Submitted => TemplateText.SubmittedEmail,
        RequestStatus.CorrectionRequested => TemplateText.CorrectionEmail,
        RequestStatus.Accepted => TemplateText.AcceptedEmail,
        RequestStatus.Rejected or RequestStatus.ClosedWithoutFollowUp => TemplateText.RejectedEmail,
        RequestStatus.Draft or RequestStatus.UnderReview => TemplateText.OtherEmail,
    };

    /// <summary>The portal words a text may use.</summary>
    public static IEnumerable<TemplateWord> In(TemplateText text) => All.Where(w => w.Where.Contains(text));

    /// <summary>Where a word may be written, as the template editor says it.</summary>
    public static string WhereLabel(TemplateWord word) =>
        word.Where.Count == Everywhere.Length ? "partout"
        : word.Where.SetEquals(Emails) ? "tous les e-mails"
        : string.Join(", ", word.Where.Select(t => t switch
        {
            TemplateText.Certificate => "attestation",
            TemplateText.RefusalLetter => "lettre de refus",
            TemplateText.SubmittedEmail => "e-mail « déposée »",
            TemplateText.CorrectionEmail => "e-mail « complément demandé »",
            TemplateText.AcceptedEmail => "e-mail « acceptée »",
            TemplateText.RejectedEmail => "e-mail « rejetée »",
            _ => "autres e-mails",
        }));

    /// <summary>Whether a field key would shadow a portal word. Keys are compared trimmed and in lower case: the form
    /// builder trims them, and "Numero" must not slip through as another word.</summary>
    public static bool IsReserved(string? key, out TemplateWord word) =>
        ByName.TryGetValue((key ?? "").Trim().ToLowerInvariant(), out word!);

    /// <summary>A key to propose instead of a reserved word (the same as migration ReservedTemplateWords chose).</summary>
    public static string Suggestion(string word) => word.Trim().ToLowerInvariant() switch
    {
        "nom" => "nom_declare",
        "prenoms" => "prenoms_declares",
        "motif" => "motif_demande",
        "numero" => "numero_acte",
        "date" => "date_acte",
        var other => other + "_reponse",
    };

    /// <summary>The placeholders of a text that print nothing there: neither a portal word of that text nor a field key.</summary>
    public static IReadOnlyList<string> Unknown(string? template, IReadOnlyCollection<string> fieldKeys, TemplateText text) =>
        CertificateTemplate.Placeholders(template ?? "")
            .Where(p => ByName.TryGetValue(p, out var word) ? !word.Where.Contains(text) : !fieldKeys.Contains(p))
            .ToList();

    /// <summary>The values of a text: the answers by key, then the portal words, which no answer can replace.</summary>
    public static Dictionary<string, string> Values(TemplateFacts facts, IReadOnlyDictionary<string, string> answers)
    {
        var values = answers.Where(a => !ByName.ContainsKey(a.Key)).ToDictionary(a => a.Key, a => a.Value);
        foreach (var word in All)
        {
            values[word.Name] = word.Value(facts);
        }

        return values;
    }

    /// <summary>Each printable answer as the applicant and the agent read it; a repeatable block one row per line; a
    /// field the applicant was not asked (its condition did not hold) "sans objet".</summary>
    public static Dictionary<string, string> Answers(FormDefinition definition, FormAnswers answers) =>
        CertificateTemplate.Fields(definition).ToDictionary(f => f.Key, f => !answers.IsVisible(f) ? "sans objet" : f.Kind.Shape switch
        {
            AnswerShape.Many => AnswerDisplay.Many(f, answers.GetMany(f.Key)),
            AnswerShape.Rows => Rows(f, answers.GetRows(f.Key)),
            _ => AnswerDisplay.Simple(f, answers.Get(f.Key)),
        });

    /// <summary>"– Nature de l'acte : … ; Numéro de l'acte : …", one line per row.</summary>
    public static string Rows(FormField block, IReadOnlyList<IReadOnlyDictionary<string, string?>> rows) =>
        rows.Count == 0 ? "Non renseigné" : string.Join("\n", rows.Select(row => "– " + string.Join(" ; ",
            (block.Fields ?? []).Select(c => $"{c.Label} : {AnswerDisplay.Simple(c, row.TryGetValue(c.Key, out var v) ? v : null)}"))));

    /// <summary>The facts of a request; <paramref name="documentNumber"/> is the request's own in an e-mail.</summary>
    public static TemplateFacts FactsOf(Request request, string documentNumber, DateOnly today, string firstNames = "", string link = "") => new(
        ApplicantName: request.ApplicantName ?? "",
        FirstNames: firstNames,
        DocumentNumber: documentNumber,
        Today: today,
        ProcedureTitle: request.Procedure.Title,
        ServiceName: request.Procedure.Service.Name,
        RequestNumber: request.Number ?? "",
        DecisionReason: request.DecisionReason ?? "",
        Link: link,
        Status: request.Status.Label().ToLowerInvariant(),
        SubmittedAt: request.SubmittedAt?.ToString("dd/MM/yyyy 'à' HH:mm", CultureInfo.InvariantCulture) ?? "",
        DueOn: request.DueOn?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "",
        CorrectionMessage: request.CorrectionMessage ?? "",
        CorrectionDeadline: request.CorrectionDeadline?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "");

    /// <summary>Made-up facts for the preview of a procedure's texts.</summary>
    public static TemplateFacts SampleFacts(string procedureTitle, string serviceName, string numberPrefix, string documentNumber, DateOnly today) => new(
        ApplicantName: "Aminata OUÉDRAOGO",
        FirstNames: "Aminata",
        DocumentNumber: documentNumber,
        Today: today,
        ProcedureTitle: procedureTitle,
        ServiceName: serviceName,
        RequestNumber: $"{numberPrefix}-{today.Year}-000123",
        DecisionReason: "La copie de l'arrêté d'intégration jointe est illisible.",
        Link: $"/mes-demandes/{numberPrefix}-{today.Year}-000123",
        Status: "acceptée",
        SubmittedAt: today.AddDays(-3).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) + " à 09:30",
        DueOn: today.AddDays(5).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        CorrectionMessage: "Joignez une copie lisible de votre CNIB.",
        CorrectionDeadline: today.AddDays(10).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));

    private static TemplateWord Word(string name, string meaning, TemplateText[] where, Func<TemplateFacts, string> value) =>
        new(name, meaning, where.ToHashSet(), value);
}
