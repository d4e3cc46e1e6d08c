using FluentValidation;

namespace EServices.Web.Features.Admin;

/// <summary>The sheet of a procedure as an administrator edits it.</summary>
public sealed class ProcedureForm
{
    public string? Title { get; set; }
    public string? Slug { get; set; }
    public string? Summary { get; set; }
    public string? Description { get; set; }
    public int CategoryId { get; set; }
    public int ServiceId { get; set; }
    public string[] Audiences { get; set; } = [];
    public string? Eligibility { get; set; }

    /// <summary>One supporting document per line.</summary>
    public string? SupportingDocuments { get; set; }

    public string? FeeXof { get; set; }

    /// <summary>A <see cref="Domain.Payments.FeeKind"/> name; with PerChoice, the field and one amount per choice
    /// (<see cref="FeeChoices"/>[i] is the choice whose amount is typed in <see cref="FeeAmounts"/>[i]).</summary>
    public string? FeeKind { get; set; }

    public string? FeeFieldKey { get; set; }
    public string?[] FeeChoices { get; set; } = [];
    public string?[] FeeAmounts { get; set; } = [];
    public string? TargetDelayDays { get; set; }

    /// <summary>A <see cref="SilenceRule"/> name (none posted: no implicit decision); with Acceptance or Refusal, the
    /// legal delay in working days.</summary>
    public string? Silence { get; set; }

    public string? SilenceDelayDays { get; set; }
    public string? LegalBasis { get; set; }
    public string? DecreeReference { get; set; }
    public string? Outcome { get; set; }
    public string? PaperProcedure { get; set; }

    public static ProcedureForm From(Procedure p) => new()
    {
        Title = p.Title, Slug = p.Slug, Summary = p.Summary, Description = p.Description, CategoryId = p.CategoryId, ServiceId = p.ServiceId,
        Audiences = p.Audiences, Eligibility = p.Eligibility, SupportingDocuments = string.Join('\n', p.SupportingDocuments),
        FeeXof = p.FeeXof.ToString(System.Globalization.CultureInfo.InvariantCulture), FeeKind = p.FeeKind.ToString(), FeeFieldKey = p.FeeFieldKey,
        FeeChoices = [.. Fees.ByChoice(p.FeeByChoice).Keys], FeeAmounts = [.. Fees.ByChoice(p.FeeByChoice).Values.Select(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        TargetDelayDays = p.TargetDelayDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Silence = p.Silence.ToString(), SilenceDelayDays = p.Silence == SilenceRule.None ? null : p.SilenceDelayDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        LegalBasis = p.LegalBasis, DecreeReference = p.DecreeReference, Outcome = p.Outcome, PaperProcedure = p.PaperProcedure,
    };

    /// <summary>The amounts typed, by choice (the first one typed for a choice posted twice).</summary>
    public IReadOnlyDictionary<string, string?> TypedAmounts() =>
        FeeChoices.Zip(FeeAmounts).Where(p => p.First is not null).DistinctBy(p => p.First).ToDictionary(p => p.First!, p => p.Second);

    public void ApplyTo(Procedure p)
    {
        p.Title = Title!.Trim();
        p.Slug = Slug!.Trim();
        p.Summary = Summary!.Trim();
        p.Description = Description?.Trim() ?? "";
        p.CategoryId = CategoryId;
        p.ServiceId = ServiceId;
        p.Audiences = [.. Audiences.Where(code => code is not null && Audience.Labels.ContainsKey(code)).Distinct()];
        p.Eligibility = Eligibility?.Trim() ?? "";
        p.SupportingDocuments = [.. (SupportingDocuments ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
        p.FeeXof = FieldRules.ParseAmount(FeeXof)!.Value;
        p.TargetDelayDays = int.Parse(TargetDelayDays!, System.Globalization.CultureInfo.InvariantCulture);
        p.Silence = SilenceRules.Parse(Silence)!.Value;
        p.SilenceDelayDays = p.Silence == SilenceRule.None ? 0 : int.Parse(SilenceDelayDays!, System.Globalization.CultureInfo.InvariantCulture);
        p.LegalBasis = LegalBasis?.Trim() ?? "";
        p.DecreeReference = DecreeReference?.Trim() ?? "";
        p.Outcome = Outcome?.Trim() ?? "";
        p.PaperProcedure = PaperProcedure!.Trim();
    }
}

public sealed class ProcedureFormValidator : AbstractValidator<ProcedureForm>
{
    public ProcedureFormValidator()
    {
        RuleFor(f => f.Title).NotEmpty().WithMessage("Saisissez l'intitulé de la démarche.").MaximumLength(150).WithMessage("150 caractères au plus.");
        RuleFor(f => f.Slug).NotEmpty().WithMessage("Saisissez l'identifiant utilisé dans l'adresse de la fiche.")
            .Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("L'identifiant s'écrit en minuscules sans accent, chiffres et tirets (ex. attestation-de-travail).")
            .MaximumLength(80).WithMessage("80 caractères au plus.");
        RuleFor(f => f.Summary).NotEmpty().WithMessage("Saisissez un résumé d'une ou deux phrases.").MaximumLength(400).WithMessage("400 caractères au plus.");
        RuleFor(f => f.Description).MaximumLength(10000).WithMessage("10 000 caractères au plus.");
        RuleFor(f => f.Audiences).Must(a => a.Any(code => code is not null && Audience.Labels.ContainsKey(code))).WithMessage("Cochez au moins un public.");
        RuleFor(f => f.FeeXof).NotEmpty().WithMessage("Indiquez le coût en francs CFA (0 si gratuit).")
            .Must(v => FieldRules.ParseAmount(v) is >= 0 and <= 10_000_000)
            .When(f => !string.IsNullOrWhiteSpace(f.FeeXof), ApplyConditionTo.CurrentValidator).WithMessage("Le coût est un montant en francs CFA, sans décimales, entre 0 et 10 000 000.");
        RuleFor(f => f.TargetDelayDays).NotEmpty().WithMessage("Indiquez le délai de traitement en jours ouvrables (0 si immédiat).")
            .Must(v => int.TryParse(v, out var days) && days is >= 0 and <= 365)
            .When(f => !string.IsNullOrWhiteSpace(f.TargetDelayDays), ApplyConditionTo.CurrentValidator).WithMessage("Le délai est un nombre de jours ouvrables entre 0 et 365.");
        RuleFor(f => f.Silence).Must(v => SilenceRules.Parse(v) is not null).WithMessage("Choisissez ce que vaut le silence de l'administration.");
        RuleFor(f => f.SilenceDelayDays).NotEmpty().WithMessage("Indiquez après combien de jours ouvrables le silence vaut décision.")
            .Must(v => int.TryParse(v, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= SilenceRules.MaxDelayDays)
            .When(f => !string.IsNullOrWhiteSpace(f.SilenceDelayDays), ApplyConditionTo.CurrentValidator).WithMessage("Le délai est un nombre de jours ouvrables entre 1 et 365.")
            .When(f => SilenceRules.Parse(f.Silence) is SilenceRule.Acceptance or SilenceRule.Refusal);
        RuleFor(f => f.PaperProcedure).NotEmpty().WithMessage("Expliquez comment faire la démarche sur papier.").MaximumLength(2000).WithMessage("2 000 caractères au plus.");
        RuleFor(f => f.Eligibility).MaximumLength(1000).WithMessage("1 000 caractères au plus.");
        RuleFor(f => f.LegalBasis).MaximumLength(1000).WithMessage("1 000 caractères au plus.");
        RuleFor(f => f.DecreeReference).MaximumLength(300).WithMessage("300 caractères au plus.");
        RuleFor(f => f.Outcome).MaximumLength(500).WithMessage("500 caractères au plus.");
        RuleFor(f => f.SupportingDocuments).MaximumLength(3000).WithMessage("3 000 caractères au plus.");
    }
}
