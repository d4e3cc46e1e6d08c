using EServices.Web.Documents;
using EServices.Web.Workflow;
using FluentValidation;

namespace EServices.Web.Features.Admin;

/// <summary>What a procedure issues and sends: its certificate, its refusal letter and the e-mail of each status.</summary>
public sealed class DocumentsForm
{
    public string? CertificateTitle { get; set; }
    public string? CertificatePrefix { get; set; }
    public string? CertificateBody { get; set; }
    public string? RefusalLetterBody { get; set; }

    /// <summary>One per <see cref="StatusEmail.Editable"/> status, in that order.</summary>
    public List<EmailForm> Emails { get; set; } = [];

    public static DocumentsForm From(Procedure procedure, IReadOnlyCollection<EmailTemplate> saved) => new()
    {
        CertificateTitle = procedure.CertificateTitle,
        CertificatePrefix = procedure.CertificatePrefix,
        CertificateBody = procedure.CertificateBody,
        RefusalLetterBody = procedure.RefusalLetterBody ?? IssueCertificate.DefaultRefusalLetter,
        Emails = StatusEmail.Editable.Select(status =>
        {
            var (subject, body) = saved.FirstOrDefault(t => t.Status == status) is { } custom
                ? (custom.Subject, custom.Body)
                : StatusEmail.Default(status, procedure);
            return new EmailForm { Subject = subject, Body = body };
        }).ToList(),
    };

    /// <summary>The e-mails as posted, one per editable status; missing ones count as empty.</summary>
    public IReadOnlyList<(RequestStatus Status, EmailForm Email)> EmailsByStatus() =>
        StatusEmail.Editable.Select((status, i) => (status, Emails.ElementAtOrDefault(i) ?? new EmailForm())).ToList();

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

    /// <summary>Values that look real, for the preview PDF: the registry's sample facts and one answer per field a
    /// template can print.</summary>
    public static Dictionary<string, string> SampleValues(FormDefinition? definition, Procedure procedure, string number, DateOnly today)
    {
        var answers = definition is null ? [] : CertificateTemplate.Fields(definition).ToDictionary(f => f.Key, f => f.Kind.Shape == AnswerShape.Rows
            ? TemplateWords.Rows(f, [(f.Fields ?? []).ToDictionary(c => c.Key, c => (string?)c.Kind.Sample(c))])
            : AnswerDisplay.Simple(f, f.Kind.Sample(f)));
        return TemplateWords.Values(TemplateWords.SampleFacts(procedure.Title, procedure.Service.Name, procedure.Service.NumberPrefix, number, today), answers);
    }
}

public sealed class EmailForm
{
    public string? Subject { get; set; }
    public string? Body { get; set; }
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
        RuleFor(f => f.Emails).Must(e => e.Count == StatusEmail.Editable.Count).WithMessage("Le formulaire est incomplet : rechargez la page et recommencez.");
        RuleForEach(f => f.Emails).ChildRules(email =>
        {
            email.RuleFor(e => e.Subject).NotEmpty().WithMessage("Saisissez l'objet de l'e-mail.").MaximumLength(200).WithMessage("200 caractères au plus.");
            email.RuleFor(e => e.Body).NotEmpty().WithMessage("Saisissez le texte de l'e-mail.").MaximumLength(5000).WithMessage("5 000 caractères au plus.");
        });
    }
}
