using EServices.Web.Infrastructure.Sms;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>"Créer un compte": nothing is stored until the owner of the address opens the activation link or, without an
/// address, until the owner of the number types the code sent by SMS (PhoneActivation). With both, the address's link
/// creates the account, as before, and the number is confirmed later on "Mes coordonnées".</summary>
public static class SignUp
{
    public sealed record Command
    {
        public string? FirstNames { get; init; }
        public string? LastName { get; init; }
        public string? Email { get; init; }
        public string? Phone { get; init; }
        public string? Password { get; init; }
        public string? ConfirmPassword { get; init; }
        public string? ReturnUrl { get; init; }
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(f => f.FirstNames).PersonName("Saisissez vos prénoms.", 100, "Vos prénoms contiennent des caractères non autorisés.");
            RuleFor(f => f.LastName).PersonName("Saisissez votre nom.", 60, "Votre nom contient des caractères non autorisés.");
            RuleFor(f => f.Email)
                .Must(e => FieldRules.Check(new FormField { Key = "e", Type = FieldType.Email, Label = "E-mail" }, FieldRules.Normalize(FieldType.Email, e!), default) is null)
                .When(f => !string.IsNullOrWhiteSpace(f.Email))
                .WithMessage("Saisissez une adresse e-mail valide (ex. nom@exemple.bf).");
            RuleFor(f => f.Phone).NotEmpty().WithMessage("Saisissez votre numéro de téléphone (ou, à défaut, une adresse e-mail).")
                .When(f => string.IsNullOrWhiteSpace(f.Email), ApplyConditionTo.CurrentValidator)
                .Must(p => FieldRules.TryPhone(p!, out _)).When(f => !string.IsNullOrWhiteSpace(f.Phone), ApplyConditionTo.CurrentValidator)
                .WithMessage(Identifiers.InvalidPhone);
            RuleFor(f => f.Password).NewPassword("Choisissez un mot de passe.");
            RuleFor(f => f.ConfirmPassword).SameAs(f => f.Password);
        }
    }

    /// <summary>The address (or number) as the portal writes it, and the portal's objections by field (none: an e-mail or an
    /// SMS is on its way). A sign-up by phone also gives its <paramref name="Ticket"/>, for the code's page; <paramref name="Limited"/>
    /// when too many codes went to the number or from the client's address (nothing sent).</summary>
    public sealed record Result(string Email, IReadOnlyList<KeyValuePair<string, string>> Errors, string? Ticket = null, bool Limited = false);

    public sealed class Handler(
        UserManager<ApplicationUser> users,
        IPasswordHasher<ApplicationUser> hasher,
        IDataProtectionProvider protection,
        AccountMail mail,
        PublicLinks links,
        PhoneCodes codes,
        TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken ct)
        {
            FieldRules.TryPhone(command.Phone ?? "", out var phone);
            if (string.IsNullOrWhiteSpace(command.Email))
            {
                return await ByPhoneAsync(command, phone, ct);
            }

            var email = FieldRules.Normalize(FieldType.Email, command.Email!);
            var candidate = new ApplicationUser
            {
                UserName = email,
                Email = email,
                FirstNames = command.FirstNames!.Trim(),
                LastName = command.LastName!.Trim(),
                PhoneNumber = phone.Length == 0 ? null : phone,
            };

            var errors = await ObjectionsAsync(candidate, command.Password!, nameof(Command.Email));
            if (errors.Count > 0)
            {
                return new Result(email, errors);
            }

            // Hashed whether or not the address has an account: the same work, and the password never leaves in clear.
            var hash = hasher.HashPassword(candidate, command.Password!);
            if (await users.FindByEmailAsync(email) is { } owner)
            {
                // Someone typed the address of an account: its owner hears of it, whoever tried.
                await mail.SendAsync(owner.Email!, owner.FirstNames, "Tentative de création d'un compte avec votre adresse",
                    $"Le {mail.Now} (heure de Ouagadougou), quelqu'un a tenté de créer un compte des e-services avec votre adresse. " +
                    "Aucun compte n'a été créé : votre compte reste le seul à cette adresse.\n\n" +
                    $"Si c'est vous, connectez-vous avec votre mot de passe ; si vous l'avez oublié, choisissez-en un nouveau avec ce lien :\n{mail.ForgotPasswordLink}\n\n" +
                    "Si ce n'est pas vous, vous n'avez rien à faire.", ct);
            }
            else
            {
                var returnUrl = ReturnUrl.LocalOr(command.ReturnUrl, "");
                var ticket = new SignUpTicket(email, candidate.FirstNames, candidate.LastName, candidate.PhoneNumber, hash, returnUrl.Length == 0 ? null : returnUrl,
                    clock.GetUtcNow() + SignUpTicket.Lifetime);
                var link = links.To("/compte/activer?jeton=" + Uri.EscapeDataString(ticket.Protect(protection)));
                await mail.SendAsync(email, candidate.FirstNames, "Activez votre compte des e-services",
                    "Pour terminer la création de votre compte des e-services, ouvrez ce lien (valable 24 heures) " +
                    $"puis appuyez sur « Activer mon compte » :\n{link}\n\n" +
                    "Si vous n'avez rien demandé, ignorez ce message : aucun compte ne sera créé.", ct);
            }

            return new Result(email, []);
        }

        /// <summary>A sign-up without an address: a code to the number, carried by a ticket the code's page posts back.</summary>
        private async Task<Result> ByPhoneAsync(Command command, string phone, CancellationToken ct)
        {
            var candidate = new ApplicationUser
            {
                UserName = FieldRules.E164(phone),
                FirstNames = command.FirstNames!.Trim(),
                LastName = command.LastName!.Trim(),
                PhoneNumber = phone,
            };
            var errors = await ObjectionsAsync(candidate, command.Password!, nameof(Command.Phone));
            if (errors.Count > 0)
            {
                return new Result(phone, errors);
            }

            var returnUrl = ReturnUrl.LocalOr(command.ReturnUrl, "");
            var ticket = new SignUpTicket(null, candidate.FirstNames, candidate.LastName, phone, hasher.HashPassword(candidate, command.Password!),
                returnUrl.Length == 0 ? null : returnUrl, clock.GetUtcNow() + SignUpTicket.Lifetime);
            return await SendCodeAsync(phone, ct) ? new Result(phone, [], ticket.Protect(protection, byPhone: true)) : new Result(phone, [], Limited: true);
        }

        /// <summary>The code for a sign-up by phone; when the number is already an account's, its owner is told instead and
        /// the page answers alike (the code's page, the same limits). False when a limit is reached. An account opened at a counter has no password yet: its owner is told how to choose one.</summary>
        public async Task<bool> SendCodeAsync(string phone, CancellationToken ct) =>
            await codes.SendAsync(phone, PhoneCodePurpose.SignUp, null, await Identifiers.ByPhoneAsync(users, phone) switch
            {
                null => null,
                { PasswordHash: null } => "E-services : un compte a déjà été ouvert à ce numéro, à un guichet, avec vos demandes. " +
                    $"Pour y accéder, choisissez votre mot de passe avec « Mot de passe oublié » : {mail.ForgotPasswordLink}",
                _ => $"E-services : le {mail.Now}, quelqu'un a tenté de créer un compte avec votre numéro. Aucun compte n'a été créé. " +
                    $"Mot de passe oublié : {mail.ForgotPasswordLink}",
            }, ct);

        /// <summary>The portal's rules on the password and the address, except "already taken": that one would tell who has an account.</summary>
        private async Task<List<KeyValuePair<string, string>>> ObjectionsAsync(ApplicationUser candidate, string password, string accountField)
        {
            var errors = new List<IdentityError>();
            foreach (var check in users.PasswordValidators)
            {
                errors.AddRange((await check.ValidateAsync(users, candidate, password)).Errors);
            }

            foreach (var check in users.UserValidators)
            {
                errors.AddRange((await check.ValidateAsync(users, candidate)).Errors
                    .Where(e => e.Code is not (nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))));
            }

            return errors.Select(e => KeyValuePair.Create(
                e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(Command.Password) : accountField, e.Description)).ToList();
        }
    }
}
