using EServices.Web.Documents;
using EServices.Web.Workflow;
using FluentValidation;

namespace EServices.Web.Features.Admin;

/// <summary>What a procedure issues and sends: its certificate, its refusal letter and the e-mail and SMS of each status.</summary>
public sealed class DocumentsForm
{
    public string? CertificateTitle { get; set; }
    public string? CertificatePrefix { get; set; }
    public string? CertificateBody { get; set; }
    public string? RefusalLetterBody { get; set; }

    /// <summary>One per <see cref="NoticeTexts.Editable"/> status, in that order.</summary>
    public List<EmailForm> Emails { get; set; } = [];

    public static DocumentsForm From(Procedure procedure, IReadOnlyCollection<EmailTemplate> saved) => new()
    {
        CertificateTitle = procedure.CertificateTitle,
        CertificatePrefix = procedure.CertificatePrefix,
        CertificateBody = procedure.CertificateBody,
        RefusalLetterBody = procedure.RefusalLetterBody ?? IssueCertificate.DefaultRefusalLetter,
        Emails = NoticeTexts.Editable.Select(status =>
        {
            var custom = saved.FirstOrDefault(t => t.Status == status);
            // A row with an empty subject words only the SMS (Notices.WordingAsync).
            var (subject, body) = custom is { Subject.Length: > 0 } ? (custom.Subject, custom.Body) : NoticeTexts.Email(status, procedure);
            return new EmailForm { Subject = subject, Body = body, Sms = custom?.Sms ?? NoticeTexts.Sms(status, procedure) };
        }).ToList(),
    };

    /// <summary>The e-mails as posted, one per editable status; missing ones count as empty.</summary>
    public IReadOnlyList<(RequestStatus Status, EmailForm Email)> EmailsByStatus() =>
        NoticeTexts.Editable.Select((status, i) => (status, Emails.ElementAtOrDefault(i) ?? new EmailForm())).ToList();

    /// <summary>Placeholders that would print nothing: neither common, nor one of <paramref name="fieldKeys"/>, nor
    /// meant for that text. Keyed by the input that holds them.</summary>
    public IEnumerable<(string Input, string Message)> UnknownPlaceholders(IReadOnlyCollection<string> fieldKeys)
    {
        var texts = new List<(string Input, string? Text, TemplateText Where)>
        {
            (nameof(CertificateTitle), CertificateTitle, TemplateText.Certificate),
            (nameof(CertificateBody), CertificateBody, TemplateText.Certificate),
            (nameof(RefusalLetterBody), RefusalLetterBody, TemplateText.RefusalLetter),
        };
        foreach (var ((status, email), i) in EmailsByStatus().Select((e, i) => (e, i)))
        {
            texts.Add(($"Emails[{i}].Subject", email.Subject, TemplateWords.EmailOf(status)));
            texts.Add(($"Emails[{i}].Body", email.Body, TemplateWords.EmailOf(status)));
            texts.Add(($"Emails[{i}].Sms", email.Sms, TemplateWords.EmailOf(status)));
        }

        foreach (var (input, text, where) in texts)
        {
            if (TemplateWords.Unknown(text, fieldKeys, where) is { Count: > 0 } unknown)
            {
                var words = string.Join(", ", unknown.Select(u => $"{{{{{u}}}}}"));
                yield return (input, unknown.Count == 1
                    ? $"{words} n'est ni un mot de la liste ni la clé d'un champ du formulaire : corrigez-le ou retirez-le."
                    : $"{words} ne sont ni des mots de la liste ni des clés de champs du formulaire : corrigez-les ou retirez-les.");
            }
        }
    }

    /// <summary>Each SMS as a phone would receive it with <paramref name="sample"/> values (<see cref="SampleValues"/>, its
    /// {{lien}} being the short address), one per editable status: its length and parts are shown and checked.</summary>
    public IReadOnlyList<SmsText> SmsSamples(IReadOnlyDictionary<string, string> sample) =>
        EmailsByStatus().Select(e => SmsText.Of(CertificateTemplate.Fill(SaveDocuments.Clean(e.Email.Sms) ?? "", sample))).ToList();

    /// <summary>Values that look real, for the preview PDF and the length of the SMS: the registry's sample facts (the
    /// request's address made by <paramref name="link"/> from its number, when given) and one answer per field a template can print.</summary>
    public static Dictionary<string, string> SampleValues(
        FormDefinition? definition, Procedure procedure, string number, DateOnly today, Func<string, string>? link = null)
    {
        var answers = definition is null ? [] : CertificateTemplate.Fields(definition).ToDictionary(f => f.Key, f => f.Kind.Shape == AnswerShape.Rows
            ? TemplateWords.Rows(f, [(f.Fields ?? []).ToDictionary(c => c.Key, c => (string?)c.Kind.Sample(c))])
            : AnswerDisplay.Simple(f, f.Kind.Sample(f)));
        var facts = TemplateWords.SampleFacts(procedure.Title, procedure.Service.Name, procedure.Service.NumberPrefix, number, today);
        return TemplateWords.Values(link is null ? facts : facts with { Link = link(facts.RequestNumber) }, answers);
    }
}

public sealed class EmailForm
{
    public string? Subject { get; set; }
    public string? Body { get; set; }
    public string? Sms { get; set; }
}

public sealed class DocumentsFormValidator : AbstractValidator<DocumentsForm>
{
    /// <summary>Prefixes the portal uses for its own series.</summary>
    private static readonly string[] Reserved = [IssueCertificate.RefusalPrefix, Numbering.TestPrefix];

    public DocumentsFormValidator()
    {
        RuleFor(f => f.CertificateTitle).MaximumLength(150).WithMessage("150 caractères au plus.");
        RuleFor(f => f.CertificateTitle).NotEmpty().When(f => !string.IsNullOrWhiteSpace(f.CertificateBody))
            .WithMessage("Donnez un titre à l'attestation, ou videz son texte si la démarche ne délivre pas de document.");
        When(f => !string.IsNullOrWhiteSpace(f.CertificateTitle), () =>
        {
            RuleFor(f => f.CertificateBody).NotEmpty().WithMessage("Saisissez le texte de l'attestation.");
            RuleFor(f => f.CertificatePrefix).NotEmpty().WithMessage("Saisissez le préfixe des numéros d'attestation, par exemple ATT.")
                .Matches("^[A-Z]{2,6}$").WithMessage("De 2 à 6 lettres majuscules sans accent, par exemple ATT.")
                .Must(p => !Reserved.Contains(p)).WithMessage(p => $"« {p.CertificatePrefix} » est réservé par le portail : choisissez un autre préfixe.");
        });
        RuleFor(f => f.CertificateBody).MaximumLength(5000).WithMessage("5 000 caractères au plus.");
        RuleFor(f => f.RefusalLetterBody).MaximumLength(5000).WithMessage("5 000 caractères au plus.");
        // One e-mail per editable status, as the page posts them; fewer means the page was not the one the portal sent.
        RuleFor(f => f.Emails).Must(e => e.Count == NoticeTexts.Editable.Count).WithMessage("Le formulaire est incomplet : rechargez la page et recommencez.");
        RuleForEach(f => f.Emails).ChildRules(email =>
        {
            email.RuleFor(e => e.Subject).NotEmpty().WithMessage("Saisissez l'objet de l'e-mail.").MaximumLength(200).WithMessage("200 caractères au plus.");
            email.RuleFor(e => e.Body).NotEmpty().WithMessage("Saisissez le texte de l'e-mail.").MaximumLength(5000).WithMessage("5 000 caractères au plus.");
            // Two parts are 306 characters at most; the words may add or remove some, so the real limit is checked filled.
            email.RuleFor(e => e.Sms).NotEmpty().WithMessage("Saisissez le texte du SMS.").MaximumLength(1000).WithMessage("1 000 caractères au plus.");
        });
    }
}
