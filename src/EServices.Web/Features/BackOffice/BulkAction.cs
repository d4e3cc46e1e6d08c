using FluentValidation;

namespace EServices.Web.Features.BackOffice;

/// <summary>One action applied to several selected rows of the inbox, with what it needs: the command the bulk form binds.</summary>
public sealed class BulkAction : IMayNeedRecentSecondFactor
{
    public const string Take = "prendre";
    public const string Assign = "attribuer";
    public const string Correction = "complement";
    public const string Accept = "accepter";
    public const string Reject = "rejeter";
    public const string AddLabel = "etiqueter";
    public const string RemoveLabel = "retirer-etiquette";

    public static readonly (string Value, string Label)[] All =
    [
        (Take, "Prendre en charge"), (Assign, "Attribuer à un agent"), (Correction, "Demander le même complément (pièces justificatives)"),
        (Accept, "Accepter"), (Reject, "Rejeter avec un même motif"), (AddLabel, "Ajouter une étiquette"), (RemoveLabel, "Retirer une étiquette"),
    ];

    public string[] Numeros { get; set; } = [];
    public string? Operation { get; set; }
    public string? Agent { get; set; }
    public string? Motif { get; set; }
    public string? Message { get; set; }
    public DateOnly? Echeance { get; set; }
    public int? EtiquetteLot { get; set; }

    /// <summary>Accepting (a certificate) and rejecting bind the ministry. Listed the other way round on purpose: only the
    /// moves known to decide nothing go without a recent second factor, so any other value (and the handler's default arm,
    /// a rejection) asks for one.</summary>
    public bool NeedsRecentSecondFactor => Operation is not (Take or Assign or Correction or AddLabel or RemoveLabel);

    /// <summary>The errors of the bulk form, under the ids of its fields, in French.</summary>
    public sealed class Validator : AbstractValidator<BulkAction>
    {
        private const string BySupervisor = nameof(BySupervisor);

        public Validator(TimeProvider clock)
        {
            RuleFor(b => b.Numeros).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Cochez au moins une demande.")
                .Must(n => n.Length <= 100).WithMessage("100 demandes au plus à la fois.")
                .OverridePropertyName("numeros");
            RuleFor(b => b.Operation).Must(o => All.Any(a => a.Value == o)).WithMessage("Choisissez l'action à appliquer.").OverridePropertyName("lot-action");
            When(b => b.Operation == Assign, () =>
            {
                RuleFor(b => b.Operation).Must((_, _, context) => context.RootContextData.ContainsKey(BySupervisor))
                    .WithMessage("Seul un chef de service peut attribuer des demandes.").OverridePropertyName("lot-action");
                RuleFor(b => b.Agent).Must(a => !string.IsNullOrEmpty(a)).When((_, context) => context.RootContextData.ContainsKey(BySupervisor))
                    .WithMessage("Choisissez l'agent à qui attribuer les demandes.").OverridePropertyName("lot-agent");
            });
            When(b => b.Operation is AddLabel or RemoveLabel, () => RuleFor(b => b.EtiquetteLot).NotNull()
                .WithMessage("Choisissez l'étiquette à ajouter ou à retirer.").OverridePropertyName("lot-etiquette"));
            When(b => b.Operation == Reject, () => RuleFor(b => b.Motif)
                .Must(m => !string.IsNullOrWhiteSpace(m) && m.Length <= Reasons.MaxLength).OverridePropertyName("lot-motif")
                .WithMessage("Indiquez le motif du rejet (2 000 caractères au plus) : il sera communiqué à chaque demandeur."));
            When(b => b.Operation == Correction, () =>
            {
                RuleFor(b => b.Message).Must(m => !string.IsNullOrWhiteSpace(m) && m.Length <= Reasons.MaxLength).OverridePropertyName("lot-message")
                    .WithMessage("Écrivez aux demandeurs ce qu'ils doivent corriger (2 000 caractères au plus).");
                RuleFor(b => b.Echeance).Must(d => d > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).OverridePropertyName("lot-echeance")
                    .WithMessage(RequestCorrection.DeadlineInPast);
            });
        }

        /// <summary>What the form is checked with: whether the user heads a service is known from them, not from the form.</summary>
        public static ValidationContext<BulkAction> For(BulkAction bulk, ClaimsPrincipal user)
        {
            var context = new ValidationContext<BulkAction>(bulk);
            if (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.Admin))
            {
                context.RootContextData[BySupervisor] = true;
            }

            return context;
        }
    }

    /// <summary>Each request moves on its own through the same handler as on its page (event, e-mail), and a row that cannot
    /// move is reported without undoing the others.</summary>
    public sealed class Handler(
        AppDbContext db, Take.Handler take, Assign.Handler assign, RequestCorrection.Handler correction, Accept.Handler accept, Reject.Handler reject,
        SetLabels labels)
    {
        public async Task<List<(string Number, bool Done, string Message)>> RunAsync(ClaimsPrincipal user, BulkAction bulk, CancellationToken ct)
        {
            var results = new List<(string Number, bool Done, string Message)>();
            foreach (var number in bulk.Numeros.Distinct())
            {
                var decision = bulk.Operation switch
                {
                    Take => await take.RunAsync(user, new(number, null), ct),
                    Assign => await assign.RunAsync(user, new(number, null, bulk.Agent), ct),
                    Correction => await correction.RunAsync(user, new(number, null, null, bulk.Message, bulk.Echeance), ct),
                    Accept => await accept.RunAsync(user, new(number, null), ct),
                    AddLabel or RemoveLabel => await labels.ToggleAsync(user, number, bulk.EtiquetteLot!.Value, bulk.Operation == AddLabel, ct),
                    _ => await reject.RunAsync(user, new(number, null, bulk.Motif), ct),
                };
                results.Add((number, decision.Outcome == DecisionOutcome.Done, decision.Outcome switch
                {
                    DecisionOutcome.NotFound => "Demande introuvable.",
                    // The only fields a row can lack: the bulk form's agent or label, outside this request's service.
                    DecisionOutcome.Invalid when bulk.Operation is AddLabel or RemoveLabel => "L'étiquette choisie n'appartient pas au service de cette demande.",
                    DecisionOutcome.Invalid => "L'agent choisi n'appartient pas au service de cette demande.",
                    _ => decision.Message,
                }));
                db.ChangeTracker.Clear();
            }

            return results;
        }
    }
}
