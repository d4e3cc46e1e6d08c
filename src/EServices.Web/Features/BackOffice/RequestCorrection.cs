using EServices.Web.Workflow;
using FluentValidation;

namespace EServices.Web.Features.BackOffice;

/// <summary>Asks the applicant to correct some answers or documents by a deadline; the clock stops until they resubmit.</summary>
public static class RequestCorrection
{
    public const string NothingChosen = "Cochez au moins une réponse ou une pièce à corriger.";

    public const string DeadlineInPast = "Choisissez une date limite postérieure à aujourd'hui.";

    /// <summary><c>Champs</c>: the answers and documents ticked on the request page; null from the bulk form, which asks
    /// again for every document of each request's form.</summary>
    public sealed record Command(string Number, uint? Version, IReadOnlyList<string>? Champs, string? Message, DateOnly? Echeance);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Champs).NotEmpty().WithMessage(NothingChosen).OverridePropertyName("champs");
            RuleFor(c => c.Message).Written("message", "Écrivez au demandeur ce qu'il doit corriger.", "Le message doit contenir au plus 2 000 caractères.");
            RuleFor(c => c.Echeance).Must(d => d > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)).WithMessage(DeadlineInPast).OverridePropertyName("echeance");
        }
    }

    public const string CandidacyFields = "Pour une candidature à un concours, le numéro de CNIB, la date de naissance, la nationalité, "
        + "le diplôme, le concours et le centre ne se corrigent pas par une demande de complément : ils décident de l'éligibilité "
        + "et de l'unicité de la candidature. Le candidat les modifie lui-même jusqu'à la clôture ; sinon, rejetez la candidature.";

    /// <summary>The answers of an application that its own pages keep in step with its candidacy (the CNIB held under the
    /// unique index, eligibility, competition and centre): a correction would change them behind its back.</summary>
    private static readonly string[] HeldByCandidacy = ["numero_cnib", "date_naissance", "nationalite", "diplome", "diplome_autre", "concours", "centre_composition"];

    public sealed class Handler(Decide decide, StaffScope scope, AppDbContext db)
    {
        public async Task<Decision> RunAsync(ClaimsPrincipal user, Command command, CancellationToken ct)
        {
            var request = await (await scope.RequestsAsync(user, ct)).AsNoTracking().Where(r => r.Number == command.Number)
                .Select(r => new { r.FormVersion, Candidacy = db.Candidacies.Any(c => c.RequestId == r.Id) }).FirstOrDefaultAsync(ct);
            if (request is null)
            {
                return Decision.NotFound;
            }

            if (request.Candidacy && command.Champs?.Any(HeldByCandidacy.Contains) == true)
            {
                return new(DecisionOutcome.Invalid, CandidacyFields, "champs");
            }

            var form = request.FormVersion;

            // Only answers of the request's own form, in the order ticked; a field offered for nothing (an explanation) is none.
            var fields = form.Parse().AnswerFields.ToList();
            var chosen = command.Champs is { } champs
                ? champs.Where(c => fields.Any(f => f.Key == c && f.Type != FieldType.Info)).ToList()
                : fields.Where(f => f.Type == FieldType.File).Select(f => f.Key).ToList();
            return command.Champs is not null && chosen.Count == 0
                ? new(DecisionOutcome.Invalid, NothingChosen, "champs")
                : await decide.RunAsync(user, command.Number, command.Version, (r, by, now) => r.RequestCorrection(by, chosen, command.Message!, command.Echeance!.Value, now), ct);
        }
    }
}
