namespace EServices.Web.Features.BackOffice;

/// <summary>One action applied to several selected rows of the inbox, with what it needs.</summary>
public sealed class BulkAction : IMayNeedRecentSecondFactor
{
    public const string Take = "prendre";
    public const string Assign = "attribuer";
    public const string Correction = "complement";
    public const string Accept = "accepter";
    public const string Reject = "rejeter";

    public static readonly (string Value, string Label)[] All =
    [
        (Take, "Prendre en charge"), (Assign, "Attribuer à un agent"), (Correction, "Demander le même complément (pièces justificatives)"),
        (Accept, "Accepter"), (Reject, "Rejeter avec un même motif"),
    ];

    public string[] Numeros { get; set; } = [];
    public string? Operation { get; set; }
    public string? Agent { get; set; }
    public string? Motif { get; set; }
    public string? Message { get; set; }
    public DateOnly? Echeance { get; set; }

    /// <summary>Accepting (a certificate) and rejecting bind the ministry. Listed the other way round on purpose: only the
    /// moves known to decide nothing go without a recent second factor, so any other value (and the action's default arm,
    /// a rejection) asks for one.</summary>
    public bool NeedsRecentSecondFactor => Operation is not (Take or Assign or Correction);

    /// <summary>The errors of the bulk form, by field, in French.</summary>
    public Dictionary<string, string> Problems(DateOnly today, bool supervisor)
    {
        var problems = new Dictionary<string, string>();
        if (Numeros.Length == 0)
        {
            problems["numeros"] = "Cochez au moins une demande.";
        }
        else if (Numeros.Length > 100)
        {
            problems["numeros"] = "100 demandes au plus à la fois.";
        }

        switch (Operation)
        {
            case Take or Accept:
                break;
            case Assign when !supervisor:
                problems["lot-action"] = "Seul un chef de service peut attribuer des demandes.";
                break;
            case Assign when string.IsNullOrEmpty(Agent):
                problems["lot-agent"] = "Choisissez l'agent à qui attribuer les demandes.";
                break;
            case Assign:
                break;
            case Reject when string.IsNullOrWhiteSpace(Motif) || Motif.Length > 2000:
                problems["lot-motif"] = "Indiquez le motif du rejet (2 000 caractères au plus) : il sera communiqué à chaque demandeur.";
                break;
            case Reject:
                break;
            case Correction:
                if (string.IsNullOrWhiteSpace(Message) || Message.Length > 2000)
                {
                    problems["lot-message"] = "Écrivez aux demandeurs ce qu'ils doivent corriger (2 000 caractères au plus).";
                }

                if (Echeance is null || Echeance <= today)
                {
                    problems["lot-echeance"] = "Choisissez une date limite postérieure à aujourd'hui.";
                }

                break;
            default:
                problems["lot-action"] = "Choisissez l'action à appliquer.";
                break;
        }

        return problems;
    }
}
