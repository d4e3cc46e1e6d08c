using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>« Activer mon compte »: creates the account the activation link describes and signs its owner in. Only a POST
/// creates (mail scanners open links); the token is checked again, so there is nothing else to validate.</summary>
public static class Activation
{
    /// <summary>The activation link's token, posted back by « Activer mon compte ».</summary>
    public sealed record Command
    {
        public string? Jeton { get; init; }

        /// <summary>Shown on the page only, read from the token.</summary>
        public string? Email { get; init; }
    }

    public enum Outcome
    {
        Refused,
        AlreadyActive,
        Created,
    }

    /// <summary>What happened; <paramref name="Ticket"/> is null when the token was refused.</summary>
    public sealed record Result(Outcome Outcome, SignUpTicket? Ticket);

    /// <summary>Creates the account; two creations at once (two clicks, two codes) get "already taken" from the unique
    /// indexes (user name, confirmed number) rather than an error.</summary>
    public static async Task<IdentityResult> CreateOnceAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        try
        {
            return await users.CreateAsync(user);
        }
        catch (DbUpdateException)
        {
            return IdentityResult.Failed(new FrenchIdentityErrorDescriber().DuplicateUserName(user.UserName!));
        }
    }

    public sealed class Handler(UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IDataProtectionProvider protection, TimeProvider clock)
    {
        /// <summary>The sign-up the token carries, or null when it was altered or has expired.</summary>
        public SignUpTicket? Read(string? token) => SignUpTicket.Read(protection, token, clock.GetUtcNow());

        public async Task<Result> HandleAsync(Command command)
        {
            if (Read(command.Jeton) is not { } ticket)
            {
                return new Result(Outcome.Refused, null);
            }

            var user = new ApplicationUser
            {
                UserName = ticket.Email,
                Email = ticket.Email,
                EmailConfirmed = true, // the link came from this mailbox
                FirstNames = ticket.FirstNames,
                LastName = ticket.LastName,
                PhoneNumber = ticket.PhoneNumber,
                PasswordHash = ticket.PasswordHash,
                CreatedAt = clock.GetUtcNow(),
            };
            var result = await CreateOnceAsync(users, user);
            if (!result.Succeeded)
            {
                var taken = result.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
                return new Result(taken ? Outcome.AlreadyActive : Outcome.Refused, ticket);
            }

            await signIn.SignInAsync(user, isPersistent: false);
            return new Result(Outcome.Created, ticket);
        }
    }
}
