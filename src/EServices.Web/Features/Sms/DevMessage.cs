using System.Text;
using EServices.Web.Infrastructure.Sms;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Sms;

/// <summary>Development only: an SMS "sent by a phone" to the portal. It goes the real way: one line appended to the
/// file that scripts/run.sh feeds to Kannel's fakesmsc (Sms:DevInbox), which hands it to bearerbox as the operator's
/// SMS centre would; smsbox then calls /sms/incoming.</summary>
public static class DevMessage
{
    public const int MaxLength = 100; // fakesmsc reads lines of 256 bytes; accented letters take two

    public sealed record Command
    {
        public string? From { get; init; }
        public string? Text { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.From).Must(f => f is not null && FieldRules.TryPhone(f, out _))
                .WithMessage("Saisissez un numéro du Burkina Faso : +226 suivi de 8 chiffres, par exemple +226 70 12 34 56.");
            RuleFor(c => c.Text).NotEmpty().WithMessage("Saisissez le texte du SMS, par exemple SUIVI FP-2027-000123.")
                .MaximumLength(MaxLength).WithMessage($"Le SMS de test ne peut dépasser {MaxLength} caractères.");
        }
    }

    public sealed class Handler(IConfiguration configuration, IOptions<SmsOptions> options)
    {
        public async Task<ValidationResult> HandleAsync(Command command, CancellationToken ct)
        {
            if (configuration["Sms:DevInbox"] is not { Length: > 0 } inbox)
            {
                return new ValidationResult([new ValidationFailure(nameof(Command.Text),
                    "Aucune boîte d'envoi vers Kannel n'est configurée (Sms:DevInbox) : lancez le portail avec scripts/run.sh.")]);
            }

            FieldRules.TryPhone(command.From!, out var from);
            var text = string.Join(' ', command.Text!.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
            // One line per write: fakesmsc sends only the first of several lines that arrive together.
            var line = Encoding.UTF8.GetBytes($"{from.Replace(" ", "", StringComparison.Ordinal)} {options.Value.From} text {text}\n");
            await using var file = new FileStream(inbox, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            await file.WriteAsync(line, ct);
            return new ValidationResult();
        }
    }
}
