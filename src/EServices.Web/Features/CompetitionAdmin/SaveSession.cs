using EServices.Web.Infrastructure.Audit;
using FluentValidation;
using FluentValidation.Results;

namespace EServices.Web.Features.CompetitionAdmin;

/// <summary>Creates or changes a session of competitions, attached to the registration procedure found by its slug.</summary>
public static class SaveSession
{
    public sealed class Form
    {
        public string? Name { get; set; }
        public string? MaxApplications { get; set; }

        public static Form From(CompetitionSession s) => new() { Name = s.Name, MaxApplications = Numbers.Show(s.MaxApplicationsPerCandidate) };
    }

    public sealed record Page(int? Id, Form Form);

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator()
        {
            RuleFor(f => f.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Saisissez le nom de la session (ex. Concours directs de la fonction publique, session 2027).")
                .MaximumLength(200).WithMessage("200 caractères au plus.");
            RuleFor(f => f.MaxApplications).Must(v => Numbers.Parse(v) is >= 1 and <= 100)
                .WithMessage("Indiquez combien de concours un candidat peut présenter dans la session : un nombre entier entre 1 et 100.");
        }
    }

    public sealed record Saved(ValidationResult Result, int Id);

    public sealed class Handler(AppDbContext db, AuditLog audit, IValidator<Form> validator, TimeProvider clock)
    {
        public async Task<Saved> HandleAsync(CompetitionSession? session, Form form, CancellationToken ct)
        {
            var result = await validator.ValidateAsync(form, ct);
            var procedureId = await db.Procedures.Where(p => p.Slug == CompetitionOwners.ProcedureSlug).Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
            if (procedureId is null)
            {
                result.Errors.Add(new ValidationFailure("", $"La démarche d'inscription aux concours (« {CompetitionOwners.ProcedureSlug} ») n'existe pas : " +
                    "créez-la dans Démarches avant d'ouvrir une session."));
            }

            if (!result.IsValid)
            {
                return new Saved(result, 0);
            }

            var created = session is null;
            session ??= db.CompetitionSessions.Add(new CompetitionSession { ProcedureId = procedureId!.Value, CreatedAt = clock.GetUtcNow() }).Entity;
            var name = form.Name!.Trim();
            var max = Numbers.Parse(form.MaxApplications)!.Value;
            var action = created ? $"Session de concours créée ({max} candidature(s) au plus par candidat)"
                : session.Name != name || session.MaxApplicationsPerCandidate != max
                    ? $"Session de concours modifiée (avant : « {session.Name} », {session.MaxApplicationsPerCandidate} candidature(s) au plus)"
                    : null;
            (session.Name, session.MaxApplicationsPerCandidate) = (name, max);
            if (action is not null)
            {
                await audit.SaveAsync(db, created, action, CompetitionAudit.Session, () => session.Id, name, ct);
            }

            return new Saved(result, session.Id);
        }
    }
}
