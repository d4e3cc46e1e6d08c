using EServices.Web.Competitions;
using EServices.Web.Forms;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Payments;
using EServices.Web.Workflow;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.CompetitionAdmin;

/// <summary>
/// « Libérer un numéro CNIB »: someone shows AGRE their CNIB, held in a competition by an application they did not make.
/// AGRE finds that application, sees whose it is, and rejects it with a reason as the back-office does (its events, the
/// notice to its applicant); the rejection frees the CNIB and the seat (the trigger requests_release_candidacy) and the
/// audit log keeps who did it and why. Refused once the competition is numbered (its seats are given), for an accepted
/// application (a decision taken on a checked file: it is withdrawn in the back-office, where its history is read), and
/// for a draft awaiting its payment (a draft cannot be rejected: unpaid, it is deleted after a few days; paid, it is filed
/// and can then be released here).
/// </summary>
public static class ReleaseCnib
{
    public const int MaxReason = 500;

    public sealed class Form
    {
        public string? Cnib { get; set; }
        public string? Motif { get; set; }
    }

    /// <summary>The application holding the CNIB, as AGRE confirms it.</summary>
    public sealed record Holder(Guid RequestId, string Account, string Reference, string Status);

    public sealed record Page(int CompetitionId, string CompetitionTitle, Form Form, Holder? Holder = null);

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator()
        {
            RuleFor(f => f.Cnib).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Saisissez le numéro de CNIB (ex. B12345678).");
            RuleFor(f => f.Motif).Cascade(CascadeMode.Stop)
                .Must(m => !string.IsNullOrWhiteSpace(m)).WithMessage("Indiquez le motif : il est communiqué au titulaire de la candidature et gardé au journal.")
                .Must(m => m!.Trim().Length <= MaxReason).WithMessage($"Le motif doit contenir au plus {MaxReason} caractères.");
        }
    }

    public sealed class Handler(
        AppDbContext db, IValidator<Form> validator, RequestFiling filing, Notices notices, AuditLog audit, IOptions<PaymentOptions> payments, TimeProvider clock)
    {
        /// <summary>The application holding the CNIB in the competition, or the errors beside the fields.</summary>
        public async Task<(ValidationResult Result, Holder? Holder)> FindAsync(Competition competition, Form form, CancellationToken ct)
        {
            var result = await validator.ValidateAsync(form, ct);
            if (!result.IsValid)
            {
                return (result, null);
            }

            var cnib = Candidacies.NormaliseCnib(form.Cnib);
            var found = await db.Candidacies.AsNoTracking().Where(c => c.CompetitionId == competition.Id && c.Cnib == cnib)
                .Select(c => new { c.Request, Account = db.Users.Where(u => u.Id == c.ApplicantId).Select(u => u.FirstNames + " " + u.LastName + " — " + u.Email).FirstOrDefault() })
                .FirstOrDefaultAsync(ct);
            if (found is null)
            {
                result.Errors.Add(new ValidationFailure(nameof(Form.Cnib), $"Aucune candidature à ce concours ne détient le numéro de CNIB « {cnib} »."));
                return (result, null);
            }

            var request = found.Request;
            if (Refusal(competition, request) is { } refusal)
            {
                result.Errors.Add(new ValidationFailure(nameof(Form.Cnib), refusal));
                return (result, null);
            }

            return (result, new Holder(request.Id, found.Account ?? "", request.Number ?? request.PaymentCode ?? "", request.StatusLabel));
        }

        /// <summary>Rejects the application holding the CNIB, under its row's lock; the errors beside the fields, or what was done.</summary>
        public async Task<(ValidationResult Result, string? Done)> ReleaseAsync(Competition competition, Form form, Guid? confirmed, string actor, CancellationToken ct)
        {
            var (result, holder) = await FindAsync(competition, form, ct);
            if (holder is null)
            {
                return (result, null);
            }

            if (holder.RequestId != confirmed)
            {
                return (Changed(result), null); // the CNIB changed hands since AGRE read whose it was
            }

            var done = await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var request = await filing.LockAsync(holder.RequestId, token);
                var cnib = Candidacies.NormaliseCnib(form.Cnib);
                var numbered = await db.Competitions.AnyAsync(c => c.Id == competition.Id && c.NumberedAt != null, token);
                if (request is null || numbered || Refusal(competition, request) is not null
                    || !await db.Candidacies.AnyAsync(c => c.RequestId == request.Id && c.Cnib == cnib, token))
                {
                    return null; // changed meanwhile: FindAsync tells why on the next look
                }

                var now = clock.GetUtcNow();
                var reason = form.Motif!.Trim();
                if (request.Status == RequestStatus.Submitted)
                {
                    request.Take(actor, now); // as an agent would: taken, then rejected
                }

                if (request.Allows(RequestAction.Reject))
                {
                    request.Reject(actor, reason, now);
                }
                else
                {
                    request.Close(actor, reason, now); // a correction asked for: closed, which frees the same way
                }

                var applicant = await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.ApplicantId, token);
                await notices.EnqueueAsync(request, applicant, now, token);
                audit.Record($"Numéro de CNIB {cnib} libéré : candidature {holder.Reference} de {holder.Account} {request.Status.Label().ToLowerInvariant()} ; "
                    + $"le numéro de CNIB et la place au centre d'examen sont libérés. Motif : {reason}", CompetitionLock.AuditKind, CompetitionLock.AuditId(competition.Id), $"{competition.Code} – {competition.Title}");
                await db.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
                return $"Numéro de CNIB {cnib} libéré : la candidature {holder.Reference} est {request.Status.Label().ToLowerInvariant()} et son titulaire prévenu.";
            }, ct);
            if (done is null)
            {
                var (again, _) = await FindAsync(competition, form, ct);
                return (again.IsValid ? Changed(again) : again, null);
            }

            return (result, done);
        }

        /// <summary>What AGRE confirmed is no longer so: AGRE reads again before rejecting anyone.</summary>
        private static ValidationResult Changed(ValidationResult result)
        {
            result.Errors.Add(new ValidationFailure(nameof(Form.Cnib), "La candidature qui détient ce numéro a changé entre-temps : vérifiez-la avant de confirmer."));
            return result;
        }

        private string? Refusal(Competition competition, Request request) =>
            competition.NumberedAt is not null
                ? "Les numéros de table de ce concours sont attribués : une candidature n'est plus libérée ici, elle se traite dans le back-office."
            : request.Status == RequestStatus.Accepted
                ? $"La candidature {request.Number} qui détient ce numéro est acceptée : une décision prise sur un dossier vérifié ne se défait pas ici, elle se retire dans le back-office."
            : request.IsAwaitingPayment
                ? $"La candidature qui détient ce numéro attend son paiement (code {request.PaymentCode}) : un brouillon ne peut pas être rejeté. "
                    + $"Non payée, elle sera supprimée le {OuagadougouTime.Format(request.AwaitingPaymentSince!.Value.AddDays(payments.Value.UnpaidDraftDays))} et le numéro libéré ; "
                    + "payée, elle sera déposée et pourra être libérée ici."
            : !RequestStates.Open.Contains(request.Status)
                ? $"La candidature {request.Number} qui détient ce numéro est « {request.StatusLabel} » : elle ne peut plus être rejetée."
            : null;
    }
}
