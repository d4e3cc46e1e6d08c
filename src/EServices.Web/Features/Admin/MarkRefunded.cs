using EServices.Web.Payments;
using FluentValidation;
using FluentValidation.Results;

namespace EServices.Web.Features.Admin;

/// <summary>« Marquer remboursé »: flagged money was given back (by the provider's refund or at the Treasury), with its reference.</summary>
public static class MarkRefunded
{
    public sealed class Form
    {
        public string? Note { get; set; }
    }

    public sealed record Page(PaymentLine Payment, Form Form);

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator() =>
            RuleFor(f => f.Note).NotEmpty().WithMessage("Indiquez comment la somme a été rendue (référence du remboursement, date, guichet).")
                .MaximumLength(200).WithMessage("200 caractères au plus.");
    }

    public sealed class Handler(PaymentLedger ledger, IValidator<Form> validator)
    {
        public async Task<ValidationResult> HandleAsync(Guid paymentId, Form form, string staffId, CancellationToken ct)
        {
            var result = await validator.ValidateAsync(form, ct);
            if (result.IsValid && !await ledger.MarkRefundedAsync(paymentId, staffId, form.Note!, ct))
            {
                result.Errors.Add(new ValidationFailure(nameof(form.Note), "Ce paiement n'est pas à rembourser, ou son remboursement est déjà enregistré."));
            }

            return result;
        }
    }
}
