namespace EServices.Web.Features.Admin;

/// <summary>
/// A procedure's fee as the sheet editor sets it: none (the « Coût » is only shown, paid elsewhere), fixed (the « Coût »,
/// paid online or at the Treasury's counter) or per choice (an amount for each choice of one single-choice field of the
/// form). What mobile money takes is checked here, and again at publishing: a version whose fee field or choices
/// changed would leave requests without an amount.
/// </summary>
public static class FeeSettings
{
    public static readonly IReadOnlyList<(FeeKind Kind, string Label, string Hint)> Kinds =
    [
        (FeeKind.None, "Pas de paiement en ligne", "Le coût ci-dessus est seulement affiché sur la fiche (0 si la démarche est gratuite)."),
        (FeeKind.Fixed, "Payé en ligne : le coût ci-dessus", "Payé par mobile money ou au guichet du Trésor avant que la demande soit déposée."),
        (FeeKind.PerChoice, "Payé en ligne : selon une réponse du formulaire", "Un montant pour chaque choix d'un champ à choix unique."),
    ];

    /// <summary>The fields a fee may depend on: one answer among listed choices, outside repeatable blocks.</summary>
    public static IReadOnlyList<FormField> ChoiceFields(FormDefinition? definition) =>
        [.. (definition?.Steps ?? []).SelectMany(s => s.Fields).Where(IsSingleChoice)];

    /// <summary>The version being edited (the draft, else the live one), and the live one when a draft differs from it:
    /// fee settings apply at once, and applicants fill the live version until the draft is published.</summary>
    public static (FormDefinition? Edited, FormDefinition? Live) Versions(Procedure? procedure) =>
        ((procedure?.DraftFormVersion ?? procedure?.PublishedFormVersion)?.Parse(), procedure?.DraftFormVersion is null ? null : procedure.PublishedFormVersion?.Parse());

    /// <summary>The choices that need an amount: the fee field's in the version edited, then those only the live version still offers.</summary>
    public static IReadOnlyList<FieldOption> PricedChoices(string? key, FormDefinition? edited, FormDefinition? live)
    {
        IReadOnlyList<FieldOption> Of(FormDefinition? version) => version?.Find(key ?? "") is { } field && IsSingleChoice(field) ? field.Choices : [];
        var choices = Of(edited);
        return [.. choices, .. Of(live).Where(c => choices.All(x => x.Value != c.Value))];
    }

    public static int? Amount(string? text) => FieldRules.ParseAmount(text) is <= Fees.Largest and var amount ? amount : null;

    /// <summary>The French message for each fee field that is wrong; the amounts' keys are "FeeAmounts[i]", i the
    /// choice's position in the field.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(ProcedureForm form, FormDefinition? definition, FormDefinition? live)
    {
        if (Kind(form) is not { } kind)
        {
            yield return (nameof(form.FeeKind), "Choisissez comment les frais sont payés.");
            yield break;
        }

        if (kind == FeeKind.Fixed && Amount(form.FeeXof) is { } fixedFee && !Fees.IsPayableOnline(fixedFee))
        {
            yield return (nameof(form.FeeXof), "Payé en ligne, le coût est d'au moins 100 FCFA et un multiple de 5 (ex. 5000).");
        }

        if (kind != FeeKind.PerChoice)
        {
            yield break;
        }

        var field = definition?.Find(form.FeeFieldKey ?? "");
        if (field is null)
        {
            yield return (nameof(form.FeeFieldKey), ChoiceFields(definition).Count == 0
                ? "Le formulaire de cette démarche n'a pas de champ à choix unique : ajoutez-en un, ou choisissez un coût fixe."
                : "Choisissez le champ dont la réponse fixe le montant.");
            yield break;
        }

        if (!IsSingleChoice(field))
        {
            yield return (nameof(form.FeeFieldKey), "Ce champ n'est pas un choix unique (boutons radio ou liste déroulante).");
            yield break;
        }

        if (live is not null && (live.Find(field.Key) is not { } liveField || !IsSingleChoice(liveField)))
        {
            yield return (nameof(form.FeeFieldKey), $"La version en ligne du formulaire n'a pas le champ à choix unique « {field.Label} » : ses usagers n'auraient pas de montant. Choisissez un champ présent dans les deux versions.");
            yield break;
        }

        var typed = form.TypedAmounts();
        var choices = PricedChoices(field.Key, definition, live);
        for (var i = 0; i < choices.Count; i++)
        {
            var choice = choices[i];
            var text = typed.GetValueOrDefault(choice.Value);
            var amount = Amount(text);
            var problem = string.IsNullOrWhiteSpace(text) ? $"Indiquez le montant pour « {choice.Label} » (0 si ce choix est gratuit)."
                : amount is null ? "Le montant est en francs CFA entiers, sans décimales, jusqu'à 10 000 000."
                : amount != 0 && !Fees.IsPayableOnline(amount.Value) ? "Au moins 100 FCFA et un multiple de 5, ou 0 si ce choix est gratuit."
                : null;
            if (problem is not null)
            {
                yield return ($"FeeAmounts[{i}]", problem);
            }
        }
    }

    /// <summary>Saves the settings checked by <see cref="Problems"/>; the others are cleared, so that nothing stale blocks a publication.</summary>
    public static void ApplyTo(ProcedureForm form, Procedure procedure, FormDefinition? definition, FormDefinition? live)
    {
        procedure.FeeKind = Kind(form)!.Value;
        var field = procedure.FeeKind == FeeKind.PerChoice ? definition?.Find(form.FeeFieldKey!) : null;
        procedure.FeeFieldKey = field?.Key;
        var typed = form.TypedAmounts();
        procedure.FeeByChoice = Fees.ToJson(PricedChoices(field?.Key, definition, live).ToDictionary(c => c.Value, c => Amount(typed[c.Value])!.Value));
    }

    /// <summary>Why the draft version cannot be published with the procedure's fee settings; null when it can.</summary>
    public static IEnumerable<string> Blockers(Procedure procedure, FormDefinition draft)
    {
        if (procedure.FeeKind != FeeKind.PerChoice)
        {
            yield break;
        }

        var field = draft.Find(procedure.FeeFieldKey ?? "");
        if (field is null || !IsSingleChoice(field))
        {
            yield return $"Les frais dépendent du champ « {procedure.FeeFieldKey} », qui n'est plus un champ à choix unique de cette version : changez les frais dans la fiche de la démarche avant de publier.";
            yield break;
        }

        var amounts = Fees.ByChoice(procedure.FeeByChoice);
        foreach (var choice in field.Choices.Where(c => !amounts.ContainsKey(c.Value)))
        {
            yield return $"Le choix « {choice.Label} » du champ « {field.Label} » n'a pas de montant de frais : indiquez-le dans la fiche de la démarche avant de publier.";
        }

        // An amount for a choice the draft dropped is kept while the live version offers it (its applicants still pick it).
        var values = PricedChoices(field.Key, draft, procedure.PublishedFormVersion?.Parse()).Select(c => c.Value).ToHashSet();
        foreach (var gone in amounts.Keys.Where(k => !values.Contains(k)))
        {
            yield return $"Les frais ont un montant pour le choix « {gone} », qui n'existe plus dans le champ « {field.Label} » : mettez à jour les frais dans la fiche de la démarche avant de publier.";
        }
    }

    /// <summary>The kind chosen; null when missing or unreadable: a paid procedure never turns free by a field left out.</summary>
    private static FeeKind? Kind(ProcedureForm form) =>
        string.IsNullOrEmpty(form.FeeKind) ? null
        : Enum.TryParse<FeeKind>(form.FeeKind, out var kind) && Enum.IsDefined(kind) && !char.IsDigit(form.FeeKind[0]) ? kind : null;

    private static bool IsSingleChoice(FormField field) => field.Kind is { IsList: true, Shape: AnswerShape.Single };
}
