using EServices.Web.Infrastructure.Audit;
using EServices.Web.Workflow;
using FluentValidation;

namespace EServices.Web.Features.BackOffice;

/// <summary>An opinion as the request's page shows it to staff (never to the applicant).</summary>
public sealed record OpinionLine(
    Guid Id, string Expert, string AskedBy, DateTimeOffset AskedAt, string Question, DateOnly DueOn, OpinionStatus Status,
    string? Answer, DateTimeOffset? AnsweredAt, string? FileName, long? FileSize)
{
    public string StatusLabel => Status switch
    {
        OpinionStatus.Pending => $"En attente (jusqu'au {DueOn:dd/MM/yyyy})",
        OpinionStatus.Answered => $"Donné le {AnsweredAt:dd/MM/yyyy à HH:mm}",
        OpinionStatus.Expired => $"Sans réponse au {DueOn:dd/MM/yyyy} : l'accès de l'expert a pris fin",
    };
}

/// <summary>
/// An agent asks a named person for an opinion on one request: a member of staff of another service (chosen in a list)
/// or an outside expert (a name and an e-mail address or a phone number). The expert gets a personal link by e-mail, or
/// by SMS, that opens this request alone, read-only, until they answer or the deadline passes (<see cref="OpinionLinks"/>).
/// </summary>
public static class AskOpinion
{
    public const int QuestionMaxLength = 2000;
    public const int LongestDelayDays = 90;

    /// <param name="Expert">"agent:{id}" for a member of staff; empty for an outside expert named by <paramref name="Name"/> and <paramref name="Contact"/>.</param>
    public sealed record Command(string Number, string? Expert, string? Name, string? Contact, string? Question, DateOnly? DueOn);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(TimeProvider clock)
        {
            RuleFor(c => c.Question).Written("avis-question", "Écrivez la question posée à l'expert.", "La question doit contenir au plus 2 000 caractères.");
            RuleFor(c => c.DueOn).Must(d => d > Today(clock) && d <= Today(clock).AddDays(LongestDelayDays))
                .WithMessage($"Choisissez une date de réponse après aujourd'hui, dans les {LongestDelayDays} jours.").OverridePropertyName("avis-echeance");
            When(c => string.IsNullOrEmpty(c.Expert), () =>
            {
                RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n) && n.Trim().Length <= 100)
                    .WithMessage("Choisissez un agent d'un autre service, ou écrivez le nom de l'expert extérieur (100 caractères au plus).").OverridePropertyName("avis-nom");
                RuleFor(c => c.Name).Must(n => !FieldRules.HasControlCharacters(n ?? "", allowNewLines: false))
                    .WithMessage("Le nom de l'expert contient des caractères non autorisés.").OverridePropertyName("avis-nom");
                RuleFor(c => c.Contact).Must(c => Reach(c) is not null)
                    .WithMessage("Écrivez l'adresse e-mail de l'expert, ou son numéro de téléphone (8 chiffres, +226 facultatif).").OverridePropertyName("avis-contact");
            });
        }

        private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>An outside expert's contact: an e-mail address, or a Burkinabè phone number in its +226 form.</summary>
    public static (string? Email, string? Phone)? Reach(string? contact)
    {
        var text = contact?.Trim() ?? "";
        if (text.Contains('@', StringComparison.Ordinal))
        {
            return text.Length <= 256 && new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(text) && !text.Any(char.IsWhiteSpace) ? (text, null) : null;
        }

        return FieldRules.TryPhone(text, out var phone) ? (null, phone) : null;
    }

    /// <summary>Staff of the other services (agents and heads of service), as "agent:{id}" and « Name — SERVICE ».</summary>
    public static async Task<IReadOnlyList<(string Value, string Label)>> ExpertsAsync(AppDbContext db, int serviceId, CancellationToken ct)
    {
        var staffRoles = db.Roles.Where(r => r.Name == Roles.Agent || r.Name == Roles.Supervisor).Select(r => r.Id);
        var rows = await db.ServiceMembers.Where(m => m.ServiceId != serviceId && db.UserRoles.Any(ur => ur.UserId == m.UserId && staffRoles.Contains(ur.RoleId)))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.FirstNames, u.LastName, u.Email, m.ServiceId })
            .Join(db.Services, x => x.ServiceId, s => s.Id, (x, s) => new { x.Id, x.FirstNames, x.LastName, x.Email, s.Code })
            .Where(x => x.Email != null)
            .OrderBy(x => x.Code).ThenBy(x => x.LastName)
            .ToListAsync(ct);
        return [.. rows.DistinctBy(x => x.Id).Select(x => ($"agent:{x.Id}", $"{x.FirstNames} {x.LastName.ToUpperInvariant()} — {x.Code}"))];
    }

    public sealed class Handler(AppDbContext db, StaffScope scope, Notices notices, OpinionLinks links, AuditLog audit, TimeProvider clock)
    {
        public async Task<Decision> RunAsync(ClaimsPrincipal user, Command command, CancellationToken ct)
        {
            var request = await (await scope.RequestsAsync(user, ct)).AsNoTracking().Include(r => r.Procedure)
                .FirstOrDefaultAsync(r => r.Number == command.Number, ct);
            if (request is null)
            {
                return Decision.NotFound;
            }

            if (!RequestStates.Open.Contains(request.Status))
            {
                return new(DecisionOutcome.Refused, "Cette demande est close : on ne demande plus d'avis à son sujet.");
            }

            string name;
            string? userId = null, address, phone = null;
            if (!string.IsNullOrEmpty(command.Expert))
            {
                var id = command.Expert.StartsWith("agent:", StringComparison.Ordinal) ? command.Expert["agent:".Length..] : "";
                var experts = await ExpertsAsync(db, request.Procedure.ServiceId, ct);
                if (experts.All(e => e.Value != command.Expert) || await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct) is not { } staff)
                {
                    return new(DecisionOutcome.Invalid, "Choisissez un agent dans la liste des autres services.", "avis-expert");
                }

                (name, userId, address) = (staff.FullName, staff.Id, staff.Email);
            }
            else
            {
                name = command.Name!.Trim();
                (address, phone) = Reach(command.Contact)!.Value;
            }

            var key = OpinionLinks.NewKey();
            var now = clock.GetUtcNow();
            var asker = await db.Users.AsNoTracking().SingleAsync(u => u.Id == user.FindFirstValue(ClaimTypes.NameIdentifier), ct);
            var opinion = new Opinion
            {
                Id = Guid.NewGuid(),
                RequestId = request.Id,
                AskedById = asker.Id,
                AskedAt = now,
                Question = command.Question!.Trim(),
                DueOn = command.DueOn!.Value,
                ExpertName = name,
                ExpertEmail = address,
                ExpertPhone = phone,
                ExpertUserId = userId,
                TokenHash = OpinionLinks.Hash(key),
            };
            db.Opinions.Add(opinion);
            var link = links.Link(opinion.Id, key);
            notices.TellExpert(opinion, $"Demande d'avis sur la demande {request.Number}",
                $"Bonjour,\n\n{asker.FullName} ({request.Procedure.Title}) vous demande votre avis sur la demande {request.Number} :\n\n« {opinion.Question} »\n\n" +
                $"Répondez au plus tard le {opinion.DueOn:dd/MM/yyyy} par ce lien personnel, qui ouvre cette seule demande, en lecture, jusqu'à votre réponse :\n{link}\n\n" +
                "Ne transférez pas ce message : le lien donne accès à des données personnelles.\n\nLes e-services de la Fonction publique",
                $"Avis demandé sur la demande {request.Number}, à donner avant le {opinion.DueOn:dd/MM/yyyy} : {link}");

            audit.Record($"Avis demandé à {name} ({address ?? phone}), réponse attendue au plus tard le {opinion.DueOn:dd/MM/yyyy}", AuditTargets.Request, request.Number!, request.Procedure.Title);
            await db.SaveChangesAsync(ct);
            return new(DecisionOutcome.Done, $"Avis demandé à {name} : réponse attendue au plus tard le {opinion.DueOn:dd/MM/yyyy}.");
        }
    }

    /// <summary>The opinions of a request for its page, oldest first.</summary>
    public static Task<List<OpinionLine>> OfAsync(AppDbContext db, Guid requestId, CancellationToken ct) =>
        db.Opinions.AsNoTracking().Where(o => o.RequestId == requestId).OrderBy(o => o.AskedAt)
            .Select(o => new OpinionLine(
                o.Id, o.ExpertName + " (" + (o.ExpertEmail ?? o.ExpertPhone) + ")",
                db.Users.Where(u => u.Id == o.AskedById).Select(u => u.FirstNames + " " + u.LastName.ToUpper()).First(),
                o.AskedAt, o.Question, o.DueOn, o.Status, o.Answer, o.AnsweredAt, o.FileName, o.FileSize))
            .ToListAsync(ct);
}
