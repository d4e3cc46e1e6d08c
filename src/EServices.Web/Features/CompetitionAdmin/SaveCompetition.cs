using System.Globalization;
using System.Linq.Expressions;
using EServices.Web.Competitions;
using EServices.Web.Infrastructure.Audit;
using FluentValidation;
using FluentValidation.Results;
using Npgsql;

namespace EServices.Web.Features.CompetitionAdmin;

/// <summary>Creates or changes a competition of a session: its conditions, fee, window (typed in Ouagadougou's time) and
/// documents. Every change is an audit entry naming the fields changed.</summary>
public static class SaveCompetition
{
    public const int MinAge = 14;
    public const int MaxAge = 70;

    public sealed class Form
    {
        public string? Code { get; set; }
        public string? Title { get; set; }
        public string? Corps { get; set; }
        public string? Job { get; set; }
        public string? Places { get; set; }
        public string? MinimumDiploma { get; set; }
        public string? MinimumAge { get; set; }
        public string? MaximumAge { get; set; }
        public string? AgeReferenceDate { get; set; }
        public bool BurkinabeOnly { get; set; }
        public string? FeeXof { get; set; }
        public string? OpensAt { get; set; }
        public string? ClosesAt { get; set; }
        public string? ExamAt { get; set; }
        public string?[] Documents { get; set; } = [];

        /// <summary>A new competition: Burkinabè only and the CNIB and diploma required, as most are.</summary>
        public static Form New() => new() { BurkinabeOnly = true, FeeXof = "0", Documents = ["piece_cnib", "piece_diplome"] };

        public static Form From(Competition c) => new()
        {
            Code = c.Code, Title = c.Title, Corps = c.Corps, Job = c.Job, Places = Numbers.Show(c.Places), MinimumDiploma = c.MinimumDiploma.ToString(),
            MinimumAge = c.MinimumAge is { } min ? Numbers.Show(min) : null, MaximumAge = c.MaximumAge is { } max ? Numbers.Show(max) : null,
            AgeReferenceDate = c.AgeReferenceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), BurkinabeOnly = c.BurkinabeOnly,
            FeeXof = Numbers.Show(c.FeeXof), OpensAt = Numbers.ShowLocal(c.OpensAt), ClosesAt = Numbers.ShowLocal(c.ClosesAt), ExamAt = Numbers.ShowLocal(c.ExamAt),
            Documents = c.RequiredDocuments,
        };

        public static DiplomaLevel? Diploma(string? name) =>
            DiplomaLevels.All.Cast<DiplomaLevel?>().FirstOrDefault(l => l.ToString() == name);

        /// <summary>The known documents ticked, the CNIB always among them, in the form's order.</summary>
        public string[] RequiredDocuments() =>
            [.. CompetitionDocuments.All.Keys.Where(k => k == "piece_cnib" || Documents.Contains(k))];

        public void ApplyTo(Competition c)
        {
            c.Code = Code!.Trim();
            c.Title = Title!.Trim();
            c.Corps = Corps!.Trim();
            c.Job = Job!.Trim();
            c.Places = Numbers.Parse(Places)!.Value;
            c.MinimumDiploma = Diploma(MinimumDiploma)!.Value;
            c.MinimumAge = Numbers.Parse(MinimumAge);
            c.MaximumAge = Numbers.Parse(MaximumAge);
            c.AgeReferenceDate = FieldRules.TryDate(AgeReferenceDate?.Trim() ?? "", out var on) ? on : c.AgeReferenceDate;
            c.BurkinabeOnly = BurkinabeOnly;
            c.FeeXof = FieldRules.ParseAmount(FeeXof)!.Value;
            c.OpensAt = Numbers.ParseLocal(OpensAt)!.Value;
            c.ClosesAt = Numbers.ParseLocal(ClosesAt)!.Value;
            c.ExamAt = Numbers.ParseLocal(ExamAt)!.Value;
            c.RequiredDocuments = RequiredDocuments();
        }
    }

    public sealed record Page(int SessionId, string SessionName, int? Id, Form Form, IReadOnlyList<CentreLine> Centres);

    public sealed record CentreLine(int Id, string Name, int Capacity, int RoomSize, int Taken);

    public sealed class Validator : AbstractValidator<Form>
    {
        public Validator()
        {
            RuleFor(f => f.Code).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Saisissez le code du concours, utilisé dans son adresse (ex. adjoints-administratifs-2027).")
                .Must(v => Slug(v!.Trim())).When(f => !string.IsNullOrWhiteSpace(f.Code), ApplyConditionTo.CurrentValidator)
                .WithMessage("Le code s'écrit en minuscules sans accent, chiffres et tirets, 80 caractères au plus (ex. adjoints-administratifs-2027).");
            Text(f => f.Title, "Saisissez l'intitulé du concours (ex. Adjoints administratifs).");
            Text(f => f.Corps, "Saisissez le corps de recrutement.");
            Text(f => f.Job, "Saisissez l'emploi.");
            RuleFor(f => f.Places).Must(v => Numbers.Parse(v) is > 0).WithMessage("Indiquez le nombre de places : un nombre entier supérieur à 0.");
            RuleFor(f => f.MinimumDiploma).Must(v => Form.Diploma(v) is not null).WithMessage("Choisissez le diplôme minimum.");
            Age(f => f.MinimumAge, "L'âge minimum");
            Age(f => f.MaximumAge, "L'âge maximum");
            RuleFor(f => f.MaximumAge).Must((f, max) => Numbers.Parse(max) >= Numbers.Parse(f.MinimumAge))
                .When(f => Numbers.Parse(f.MinimumAge) is >= MinAge and <= MaxAge && Numbers.Parse(f.MaximumAge) is >= MinAge and <= MaxAge)
                .WithMessage(f => $"L'âge maximum ne peut pas être inférieur à l'âge minimum ({f.MinimumAge!.Trim()} ans).");
            RuleFor(f => f.AgeReferenceDate).Must(v => FieldRules.TryDate(v?.Trim() ?? "", out var d) && d.Year is >= 2000 and <= 2200)
                .WithMessage("Indiquez la date à laquelle l'âge des candidats est calculé (ex. 31/12/2027).");
            RuleFor(f => f.FeeXof).Must(v => FieldRules.ParseAmount(v) is { } fee && (fee == 0 || Fees.IsPayableOnline(fee)))
                .WithMessage("Les frais sont 0 (concours gratuit) ou un montant payable en ligne : au moins 100 FCFA et un multiple de 5.");
            RuleFor(f => f.FeeXof).Must(v => FieldRules.ParseAmount(v) is not > Fees.Largest)
                .WithMessage("Les frais d'un concours sont de 10 000 000 FCFA au plus, comme ceux de toute démarche.");
            LocalTime(f => f.OpensAt, "Indiquez la date et l'heure d'ouverture des inscriptions (heure de Ouagadougou).");
            LocalTime(f => f.ClosesAt, "Indiquez la date et l'heure de clôture des inscriptions (heure de Ouagadougou).");
            LocalTime(f => f.ExamAt, "Indiquez la date et l'heure des épreuves écrites (heure de Ouagadougou).");
            RuleFor(f => f.ClosesAt).Must((f, closes) => Numbers.ParseLocal(closes) > Numbers.ParseLocal(f.OpensAt))
                .When(f => Numbers.ParseLocal(f.OpensAt) is not null && Numbers.ParseLocal(f.ClosesAt) is not null)
                .WithMessage("La clôture des inscriptions doit venir après leur ouverture.");
            RuleFor(f => f.ExamAt).Must((f, exam) => Numbers.ParseLocal(exam) > Numbers.ParseLocal(f.ClosesAt))
                .When(f => Numbers.ParseLocal(f.ClosesAt) is not null && Numbers.ParseLocal(f.ExamAt) is not null)
                .WithMessage("Les épreuves doivent avoir lieu après la clôture des inscriptions.");
            RuleFor(f => f.Documents).Must(d => d.All(k => k is null || CompetitionDocuments.All.ContainsKey(k))).WithMessage("Cochez des pièces de la liste.");
        }

        private void Text(Expression<Func<Form, string?>> field, string missing) =>
            RuleFor(field).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(missing).MaximumLength(200).WithMessage("200 caractères au plus.");

        private void Age(Expression<Func<Form, string?>> field, string name) =>
            RuleFor(field).Must(v => string.IsNullOrWhiteSpace(v) || Numbers.Parse(v) is >= MinAge and <= MaxAge)
                .WithMessage($"{name} est facultatif ; s'il est indiqué, c'est un nombre entier d'années entre {MinAge} et {MaxAge}.");

        private void LocalTime(Expression<Func<Form, string?>> field, string message) =>
            RuleFor(field).Must(v => Numbers.ParseLocal(v) is not null).WithMessage(message);

        private static bool Slug(string code) => code.Length <= 80 && System.Text.RegularExpressions.Regex.IsMatch(code, "^[a-z0-9]+(-[a-z0-9]+)*$");
    }

    public sealed record Saved(ValidationResult Result, int Id);

    public sealed class Handler(AppDbContext db, AuditLog audit, IValidator<Form> validator, TimeProvider clock)
    {
        public async Task<Saved> HandleAsync(int sessionId, Competition? competition, Form form, CancellationToken ct)
        {
            var result = await validator.ValidateAsync(form, ct);
            if (result.IsValid && await TakenByAsync(form.Code!.Trim(), competition?.Id, ct) is { } other)
            {
                result.Errors.Add(Taken(form.Code!.Trim(), other));
            }

            if (!result.IsValid)
            {
                return new Saved(result, 0);
            }

            var now = clock.GetUtcNow();
            var created = competition is null;
            competition ??= db.Competitions.Add(new Competition { SessionId = sessionId, CreatedAt = now }).Entity;
            var before = Describe(competition);
            form.ApplyTo(competition);
            competition.UpdatedAt = now;
            var changed = Describe(competition).Where(field => !before.Contains(field)).Select(field => field.Label).ToList();
            if (!created && changed.Count == 0)
            {
                return new Saved(result, competition.Id);
            }

            try
            {
                await audit.SaveAsync(db, created, created ? "Concours créé" : $"Concours modifié : {string.Join(", ", changed)}",
                    CompetitionLock.AuditKind, () => competition.Id, $"{competition.Code} – {competition.Title}", ct);
            }
            catch (DbUpdateException saving) when (saving.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another administrator took the code between the check above and this save.
                result.Errors.Add(Taken(competition.Code, await TakenByAsync(competition.Code, competition.Id, ct) ?? "un autre concours"));
                return new Saved(result, 0);
            }

            return new Saved(result, competition.Id);
        }

        private Task<string?> TakenByAsync(string code, int? id, CancellationToken ct) =>
            db.Competitions.AsNoTracking().Where(c => c.Code == code && c.Id != id).Select(c => c.Title).FirstOrDefaultAsync(ct);

        private static ValidationFailure Taken(string code, string title) =>
            new(nameof(Form.Code), $"Le code « {code} » est déjà celui du concours « {title} » : choisissez-en un autre.");

        private static List<(string Label, string Value)> Describe(Competition c) =>
        [
            ("code", c.Code), ("intitulé", c.Title), ("corps", c.Corps), ("emploi", c.Job), ("places", Numbers.Show(c.Places)),
            ("diplôme", c.MinimumDiploma.ToString()), ("âges", $"{c.MinimumAge}-{c.MaximumAge} au {c.AgeReferenceDate:O}"),
            ("nationalité", c.BurkinabeOnly.ToString()), ("frais", Numbers.Show(c.FeeXof)),
            ("dates", $"{c.OpensAt:O} {c.ClosesAt:O} {c.ExamAt:O}"), ("pièces", string.Join(',', c.RequiredDocuments)),
        ];
    }
}
