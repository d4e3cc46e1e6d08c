namespace EServices.Web.Domain.Catalogue;

/// <summary>What the administration's silence means for a procedure: when no decision is taken within the procedure's
/// legal delay, the portal decides on its behalf (« silence vaut accord » or « silence vaut rejet »).</summary>
public enum SilenceRule
{
    /// <summary>No implicit decision: the request waits for an agent, however late.</summary>
    None,

    Acceptance,
    Refusal,
}

public static class SilenceRules
{
    public const int MaxDelayDays = 365;

    /// <summary>The rule a form posted: its name exactly; nothing posted is no implicit decision; anything else is none (null).</summary>
    public static SilenceRule? Parse(string? posted) =>
        string.IsNullOrEmpty(posted) ? SilenceRule.None : Enum.GetNames<SilenceRule>().Contains(posted, StringComparer.Ordinal) ? Enum.Parse<SilenceRule>(posted) : null;

    public static string Label(this SilenceRule rule) => rule switch
    {
        SilenceRule.None => "Pas de décision implicite",
        SilenceRule.Acceptance => "Silence vaut accord",
        SilenceRule.Refusal => "Silence vaut rejet",
    };

    /// <summary>What the procedure's sheet promises (null: no implicit decision).</summary>
    public static string? Promise(this SilenceRule rule, int delayDays) => rule switch
    {
        SilenceRule.Acceptance => $"{rule.Label()} : sans décision dans les {delayDays} jours ouvrables suivant le dépôt, la demande est acceptée.",
        SilenceRule.Refusal => $"{rule.Label()} : sans décision dans les {delayDays} jours ouvrables suivant le dépôt, la demande est rejetée.",
        _ => null,
    };

    /// <summary>The reason an implicit decision gives (the refusal letter prints it as its motive).</summary>
    public static string Reason(this SilenceRule rule, DateOnly filedOn, DateOnly lastDay) => rule switch
    {
        SilenceRule.Acceptance => $"Décision implicite d'acceptation : l'administration n'a pas statué au plus tard le {lastDay:dd/MM/yyyy}, terme du délai ouvert par le dépôt du {filedOn:dd/MM/yyyy} (silence vaut accord).",
        SilenceRule.Refusal => $"Décision implicite de rejet : l'administration n'a pas statué au plus tard le {lastDay:dd/MM/yyyy}, terme du délai ouvert par le dépôt du {filedOn:dd/MM/yyyy} (silence vaut rejet).",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };
}
