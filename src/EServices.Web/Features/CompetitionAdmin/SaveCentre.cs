using EServices.Web.Data.Configurations;
using EServices.Web.Infrastructure.Audit;
using FluentValidation;
using FluentValidation.Results;
using Npgsql;

namespace EServices.Web.Features.CompetitionAdmin;

/// <summary>Adds or changes an exam centre. Its capacity never goes below the places already taken: checked here for the
/// message, and by the database's check constraint for a candidate who takes a place meanwhile.</summary>
public static class SaveCentre
{
    public sealed class Form
    {
        public string? Name { get; set; }
        public string? Capacity { get; set; }
        public string? RoomSize { get; set; }

        public static Form From(ExamCentre c) => new() { Name = c.Name, Capacity = Numbers.Show(c.Capacity), RoomSize = Numbers.Show(c.RoomSize) };
    }

    public sealed record Page(int CompetitionId, string CompetitionTitle, int? Id, int Taken, Form Form);

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator()
        {
            RuleFor(f => f.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Saisissez le nom du centre (ex. Bobo-Dioulasso).")
                .MaximumLength(150).WithMessage("150 caractères au plus.");
            RuleFor(f => f.Capacity).Must(v => Numbers.Parse(v) is > 0).WithMessage("Indiquez la capacité du centre : un nombre entier de candidats supérieur à 0.");
            RuleFor(f => f.RoomSize).Must(v => Numbers.Parse(v) is > 0 and <= 10_000).WithMessage("Indiquez le nombre de places par salle : un nombre entier supérieur à 0.");
        }
    }

    public sealed class Handler(AppDbContext db, AuditLog audit, IValidator<Form> validator)
    {
        public async Task<ValidationResult> HandleAsync(Competition competition, ExamCentre? centre, Form form, CancellationToken ct)
        {
            var result = await validator.ValidateAsync(form, ct);
            var name = form.Name?.Trim() ?? "";
            if (result.IsValid)
            {
                var others = await db.ExamCentres.AsNoTracking().Where(c => c.CompetitionId == competition.Id && c.Id != (centre == null ? 0 : centre.Id))
                    .Select(c => c.Name).ToListAsync(ct);
                if (others.Any(n => string.Equals(n, name, StringComparison.CurrentCultureIgnoreCase)))
                {
                    result.Errors.Add(NameTaken(name));
                }
                else if (centre is not null && Numbers.Parse(form.Capacity) < centre.Taken)
                {
                    result.Errors.Add(BelowTaken(centre.Taken));
                }
            }

            if (!result.IsValid)
            {
                return result;
            }

            var created = centre is null;
            centre ??= db.ExamCentres.Add(new ExamCentre { CompetitionId = competition.Id }).Entity;
            var before = $"« {centre.Name} », capacité {centre.Capacity}, {centre.RoomSize} places par salle";
            (centre.Name, centre.Capacity, centre.RoomSize) = (name, Numbers.Parse(form.Capacity)!.Value, Numbers.Parse(form.RoomSize)!.Value);
            var after = $"« {centre.Name} », capacité {centre.Capacity}, {centre.RoomSize} places par salle";
            if (!created && before == after)
            {
                return result;
            }

            try
            {
                await audit.SaveAsync(db, created, created ? $"Centre d'examen ajouté : {after}" : $"Centre d'examen modifié : {after} (avant : {before})",
                    CompetitionAudit.Centre, () => centre.Id, $"{competition.Code} – {name}", ct);
            }
            catch (DbUpdateException saving) when (saving.InnerException is PostgresException { ConstraintName: CandidacyIndexes.CentreFull })
            {
                // Candidates took places between the check above and this save: the database refused to go below them.
                var taken = await db.ExamCentres.AsNoTracking().Where(c => c.Id == centre.Id).Select(c => c.Taken).SingleAsync(ct);
                result.Errors.Add(BelowTaken(taken));
            }
            catch (DbUpdateException saving) when (saving.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                result.Errors.Add(NameTaken(name));
            }

            return result;
        }

        private static ValidationFailure NameTaken(string name) => new(nameof(Form.Name), $"Ce concours a déjà un centre « {name} ».");

        private static ValidationFailure BelowTaken(int taken) => new(nameof(Form.Capacity),
            $"{(taken == 1 ? "1 place de ce centre est déjà prise" : $"{taken} places de ce centre sont déjà prises")} par des candidats : sa capacité ne peut pas être inférieure à {taken}.");
    }
}
