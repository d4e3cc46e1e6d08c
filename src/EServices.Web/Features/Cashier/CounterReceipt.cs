using EServices.Web.Payments;
using FluentValidation;
using FluentValidation.Results;

namespace EServices.Web.Features.Cashier;

/// <summary>The counter page's form: the payment code the citizen gives, then the Treasury receipt's number and amount.</summary>
public sealed class CounterForm
{
    public string? Code { get; set; }
    public string? ReceiptNumber { get; set; }
    public string? Amount { get; set; }

    /// <summary>"true" once the cashier confirmed an amount other than the fee due, on the confirmation step.</summary>
    public string? Confirmed { get; set; }
}

/// <summary>What a cashier sees of a draft: its procedure, its applicant and its fee; nothing of its answers.</summary>
public sealed record FeeDue(string Code, string Procedure, string Applicant, int Amount, string? Number);

/// <summary>The counter page: the draft the code names, the form, and the question to confirm an amount other than the fee.</summary>
public sealed record CounterPage(CounterForm Form, FeeDue? Due, string? Question = null);

/// <summary>What a posted receipt did: errors beside the fields, a question to confirm first, or the message to show.</summary>
public sealed record ReceiptOutcome(ValidationResult Result, string? Message = null, bool Flagged = false, string? Question = null);

/// <summary>A cashier records a Treasury receipt: the ledger files the draft, or records the money and flags it.</summary>
public static class CounterReceipt
{
    /// <summary>"P-7K3M9Q2X" from what the citizen reads out: lower case, spaces, a missing dash or a missing P are fine.</summary>
    public static string? Normalize(string? code)
    {
        var letters = new string([.. (code ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant)]);
        letters = letters.Length == 9 && letters[0] == 'P' ? letters[1..] : letters;
        return letters.Length == 8 && letters.All(char.IsAsciiLetterOrDigit) ? "P-" + letters : null;
    }

    /// <summary>One key per Treasury receipt however it is typed: "q 123", "Q-123" and "Q/123" are the same receipt, "Q123".</summary>
    public static string Receipt(string? text) =>
        new([.. (text ?? "").Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '/' or '.')).Select(char.ToUpperInvariant)]);

    public sealed class Validator : AbstractValidator<CounterForm>
    {
        public const string BadCode = "Le code de paiement s'écrit P- suivi de 8 lettres et chiffres (ex. P-7K3M9Q2X).";

        public Validator()
        {
            RuleFor(f => f.Code).Must(c => Normalize(c) is not null).WithMessage(BadCode);
            RuleFor(f => f.ReceiptNumber).NotEmpty().WithMessage("Saisissez le numéro de la quittance du Trésor.")
                .MaximumLength(40).WithMessage("40 caractères au plus.")
                .Matches("^[A-Za-z0-9/. -]*$").WithMessage("Le numéro de quittance s'écrit en lettres, chiffres, tirets et barres obliques.")
                .Must(r => Receipt(r).Length > 0).WithMessage("Le numéro de quittance contient au moins une lettre ou un chiffre.");
            RuleFor(f => f.Amount).Must(a => FieldRules.ParseAmount(a) is > 0 and <= 10_000_000)
                .WithMessage("Saisissez le montant de la quittance en francs CFA entiers : chiffres seuls ou par milliers (ex. 5000 ou 5 000), sans décimales ni « F ».");
        }
    }

    public sealed class Handler(AppDbContext db, PaymentLedger ledger, IValidator<CounterForm> validator)
    {
        public const string Unknown = "Aucune demande n'attend de paiement avec ce code : vérifiez-le avec l'usager.";

        /// <summary>The draft awaiting payment (or already paid) that the code names; null when none (test drafts included).</summary>
        public async Task<FeeDue?> FindAsync(string? code, CancellationToken ct)
        {
            var normalized = Normalize(code);
            var due = normalized is null ? null : await db.Requests.AsNoTracking()
                .Where(r => r.PaymentCode == normalized && !r.IsTest && r.FeeDue != null)
                .Join(db.Users, r => r.ApplicantId, u => u.Id, (r, u) => new { r.Procedure.Title, u.FirstNames, u.LastName, r.FeeDue, r.Number })
                .SingleOrDefaultAsync(ct);
            return due is null ? null : new FeeDue(normalized!, due.Title, $"{due.FirstNames} {due.LastName.ToUpperInvariant()}", due.FeeDue!.Value, due.Number);
        }

        /// <summary>The errors to show beside the fields, the question when the amount is not the fee due and not yet
        /// confirmed (nothing recorded: a typo must not use up the receipt), or what became of the receipt.</summary>
        public async Task<ReceiptOutcome> HandleAsync(CounterForm form, string cashierId, CancellationToken ct)
        {
            var result = await validator.ValidateAsync(form, ct);
            var due = await FindAsync(form.Code, ct);
            if (result.IsValid && due is null)
            {
                result.Errors.Add(new ValidationFailure(nameof(form.Code), Unknown));
            }

            if (!result.IsValid)
            {
                return new(result);
            }

            var receipt = Receipt(form.ReceiptNumber);
            var amount = FieldRules.ParseAmount(form.Amount)!.Value;
            if (amount != due!.Amount && form.Confirmed != "true")
            {
                return new(result, Question: $"Le montant saisi ({FieldRules.FormatAmount(amount)}) diffère du montant dû ({FieldRules.FormatAmount(due.Amount)}). Confirmez-vous la quittance ?");
            }

            var (outcome, number) = await ledger.RecordCounterReceiptAsync(due.Code, receipt, amount, cashierId, ct);
            return outcome switch
            {
                PaymentLedger.CounterOutcome.Filed => new(result, $"Quittance {receipt} enregistrée : la demande {number} est déposée, l'usager reçoit son récépissé."),
                PaymentLedger.CounterOutcome.WrongAmount => new(result, $"Quittance {receipt} enregistrée, mais son montant ({FieldRules.FormatAmount(amount)}) n'est pas le montant dû ({FieldRules.FormatAmount(due.Amount)}) : elle est signalée « Montant erroné » pour remboursement et la demande n'est pas déposée.", true),
                PaymentLedger.CounterOutcome.RefundDue => new(result, $"Quittance {receipt} enregistrée, mais la demande {number} était déjà payée : elle est signalée « À rembourser ».", true),
                PaymentLedger.CounterOutcome.NotFileable => new(result, $"Quittance {receipt} enregistrée, mais cette demande ne peut pas être déposée (inscription à un concours faite hors de la liste des concours, ou concours clos) : elle est signalée « À rembourser ».", true),
                PaymentLedger.CounterOutcome.ReceiptAlreadyRecorded => new(Refusal(nameof(form.ReceiptNumber), $"La quittance {receipt} est déjà enregistrée : vérifiez son numéro.")),
                _ => new(Refusal(nameof(form.Code), Unknown)),
            };
        }

        private static ValidationResult Refusal(string field, string message) => new([new ValidationFailure(field, message)]);
    }
}
