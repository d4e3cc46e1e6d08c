using EServices.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace EServices.Web.Features.Accounts;

/// <summary>Staff sign-ins, successful or not, in the audit log (and so in its hash chain), saved at once: the
/// decision stays recorded whatever happens next. Applicants' sign-ins are not journalled.</summary>
public sealed class SignInJournal(AuditLog audit, AppDbContext db, UserManager<ApplicationUser> users)
{
    /// <summary>The outcome of the second factor, <paramref name="how"/> being "code de l'application" or "code de secours".</summary>
    public Task SecondFactorAsync(ApplicationUser user, SignInResult result, string how, CancellationToken ct) => RecordAsync(
        user,
        result.Succeeded ? $"Connexion au back-office (mot de passe et {how})"
        : result.IsLockedOut ? "Connexion refusée : compte bloqué après trop d'essais"
        : result.IsNotAllowed ? "Connexion refusée : compte désactivé"
        : $"Échec de la double authentification : {how} incorrect",
        ct);

    /// <summary>A refused password for a member of staff; nothing for applicants.</summary>
    public async Task PasswordRefusedAsync(ApplicationUser user, SignInResult result, CancellationToken ct)
    {
        if ((await users.GetRolesAsync(user)).Count == 0)
        {
            return;
        }

        await RecordAsync(
            user,
            result.IsLockedOut ? "Connexion refusée : compte bloqué après trop d'essais"
            : result.IsNotAllowed ? "Connexion refusée : compte désactivé"
            : "Échec de connexion : mot de passe incorrect",
            ct);
    }

    public Task RecordAsync(ApplicationUser user, string action, CancellationToken ct)
    {
        audit.Record(user.Id, action, AuditTargets.SignIn, user.Id, $"{user.FullName} ({user.Email ?? user.UserName})");
        return db.SaveChangesAsync(ct);
    }
}
