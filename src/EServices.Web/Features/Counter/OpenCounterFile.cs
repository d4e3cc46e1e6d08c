using EServices.Web.Infrastructure.Audit;
using FluentValidation;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Counter;

/// <summary>
/// « Nouveau dépôt » at a counter: the clerk reads the citizen's identity card, types its number and names (and a phone
/// number if they have one), and chooses the procedure. The request will be the citizen's: their account is found by its
/// CNIB or its confirmed number, or made now without a password, to be claimed later. The draft records the clerk, who
/// drives it and nothing else of the citizen's.
/// </summary>
public static class OpenCounterFile
{
    public sealed record Command
    {
        public string? Cnib { get; init; }
        public string? FirstNames { get; init; }
        public string? LastName { get; init; }
        public string? Phone { get; init; }
        public string? Procedure { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public static readonly FormField CnibField = new() { Key = "cnib", Type = FieldType.Cnib, Label = "Numéro de CNIB" };

        public Validator()
        {
            RuleFor(f => f.Cnib).NotEmpty().WithMessage("Saisissez le numéro de la CNIB présentée (ex. B12345678).")
                .Must(c => FieldRules.Check(CnibField, FieldRules.Normalize(FieldType.Cnib, c!), default) is null).When(f => !string.IsNullOrWhiteSpace(f.Cnib), ApplyConditionTo.CurrentValidator)
                .WithMessage("Le numéro de CNIB est une lettre suivie de 7 à 9 chiffres (ex. B12345678).");
            RuleFor(f => f.FirstNames).PersonName("Saisissez les prénoms, comme sur la CNIB.", 100, "Les prénoms contiennent des caractères non autorisés.");
            RuleFor(f => f.LastName).PersonName("Saisissez le nom, comme sur la CNIB.", 60, "Le nom contient des caractères non autorisés.");
            RuleFor(f => f.Phone).Must(p => FieldRules.TryPhone(p!, out _)).When(f => !string.IsNullOrWhiteSpace(f.Phone))
                .WithMessage("Saisissez un numéro du Burkina Faso : +226 suivi de 8 chiffres (ex. +226 70 12 34 56), ou laissez le champ vide si le demandeur n'a pas de téléphone.");
            RuleFor(f => f.Procedure).NotEmpty().WithMessage("Choisissez la démarche.");
        }
    }

    /// <summary>The draft to fill, or the objections by field.</summary>
    public sealed record Result(Guid? DraftId, IReadOnlyList<KeyValuePair<string, string>> Errors);

    public const string OtherAccountsNumber = "Ce numéro est celui du compte d'une autre personne que la CNIB présentée : vérifiez-le, ou laissez le champ vide.";

    public const string StaffAccount = "Ce numéro est celui d'un membre du personnel : il ne dépose pas de demande au guichet.";

    public const string OtherName = "Cette CNIB est enregistrée à un autre nom : vérifiez le numéro de la carte et l'orthographe des noms.";

    public const string NoSuchProcedure = "Cette démarche n'accepte pas de demandes : choisissez-en une dans la liste.";

    public const string Competition = "Les candidatures aux concours se déposent depuis la page du concours (/concours) : elles ne se font pas au guichet.";

    public sealed class Handler(AppDbContext db, UserManager<ApplicationUser> users, AuditLog audit, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command command, string clerkId, CancellationToken ct)
        {
            var cnib = FieldRules.Normalize(FieldType.Cnib, command.Cnib!);
            var phone = FieldRules.TryPhone(command.Phone ?? "", out var p) && p.Length > 0 ? p : null;

            var procedure = await db.Procedures.FirstOrDefaultAsync(x => x.Slug == command.Procedure, ct);
            if (procedure is null || !procedure.IsOnline)
            {
                return Refused(nameof(Command.Procedure), NoSuchProcedure);
            }

            if (await db.CompetitionSessions.AnyAsync(s => s.ProcedureId == procedure.Id, ct))
            {
                return Refused(nameof(Command.Procedure), Competition);
            }

            // The draft is always the card's account: a number typed wrong must not put it in a stranger's account. An online
            // account of that number (without a card) gets it only when its code is read out (FileAtCounter).
            var byCnib = await users.Users.FirstOrDefaultAsync(u => u.Cnib == cnib, ct);
            if (byCnib is not null && !SameName(byCnib, command))
            {
                return Refused(nameof(Command.Cnib), OtherName);
            }

            var byPhone = phone is null ? null : await users.Users.FirstOrDefaultAsync(u => u.PhoneNumber == phone && u.PhoneNumberConfirmed, ct);
            if (byPhone is not null && byPhone.Id != byCnib?.Id && (byPhone.Cnib is not null || byCnib is not null))
            {
                return Refused(nameof(Command.Phone), OtherAccountsNumber);
            }

            if (byPhone is not null && (await users.GetRolesAsync(byPhone)).Count > 0)
            {
                return Refused(nameof(Command.Phone), StaffAccount);
            }

            var citizen = byCnib;
            var now = clock.GetUtcNow();
            if (citizen is null)
            {
                citizen = await NewAccountAsync(command, cnib, phone, now);
                if (citizen is null)
                {
                    return Refused(nameof(Command.Cnib), "Un compte vient d'être ouvert avec cette CNIB à un autre guichet : validez à nouveau.");
                }
            }
            else if (phone is not null && !citizen.PhoneNumberConfirmed && citizen.PhoneNumber != phone)
            {
                // Kept unconfirmed until the citizen types the code this number receives (FileAtCounter).
                citizen.PhoneNumber = phone;
                await users.UpdateAsync(citizen);
            }

            // The clerk's own draft of this procedure for this citizen is resumed; the citizen's others stay theirs.
            var draftId = await db.CounterFilings
                .Where(f => f.ClerkId == clerkId)
                .Join(db.Requests, f => f.RequestId, r => r.Id, (f, r) => r)
                .Where(r => r.ApplicantId == citizen.Id && r.ProcedureId == procedure.Id && r.Status == RequestStatus.Draft && r.AwaitingPaymentSince == null)
                .Select(r => (Guid?)r.Id)
                .FirstOrDefaultAsync(ct);
            if (draftId is null)
            {
                var draft = Request.StartDraft(procedure, citizen.Id, now, clerkId: clerkId);
                db.Requests.Add(draft);
                db.CounterFilings.Add(new CounterFiling { RequestId = draft.Id, ClerkId = clerkId, Cnib = cnib, StartedAt = now });
                audit.Record(clerkId, "Dépôt au guichet commencé", "Demande", draft.Id.ToString(), $"{procedure.Title} — {citizen.FullName} (CNIB {cnib})");
                await db.SaveChangesAsync(ct);
                draftId = draft.Id;
            }

            return new Result(draftId, []);
        }

        /// <summary>An account without a password, named by its card: its owner claims it later (README, « Dépôt au guichet »).
        /// Null when another counter made the same card's account at the same moment.</summary>
        private async Task<ApplicationUser?> NewAccountAsync(Command command, string cnib, string? phone, DateTimeOffset now)
        {
            var citizen = new ApplicationUser
            {
                UserName = "cnib-" + cnib.ToLowerInvariant(),
                FirstNames = command.FirstNames!.Trim(),
                LastName = command.LastName!.Trim(),
                Cnib = cnib,
                PhoneNumber = phone,
                Notices = NoticeChannels.None, // until the number is confirmed by its code
                CreatedAt = now,
            };
            try
            {
                var created = await users.CreateAsync(citizen);
                return created.Succeeded ? citizen : null;
            }
            catch (DbUpdateException)
            {
                return null;
            }
        }

        private static Result Refused(string field, string message) => new(null, [KeyValuePair.Create(field, message)]);

        /// <summary>The names typed are the account's, whatever the case, accents and spaces: a card number typed wrong
        /// that names someone else's account is caught.</summary>
        private static bool SameName(ApplicationUser account, Command typed) =>
            Plain(account.LastName) == Plain(typed.LastName) && Plain(account.FirstNames) == Plain(typed.FirstNames);

        private static string Plain(string? name) => new((name ?? "").Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => char.IsLetterOrDigit(c)).Select(char.ToUpperInvariant).ToArray());
    }
}
