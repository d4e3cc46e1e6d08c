using System.Globalization;
using EServices.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;

namespace EServices.Web.Features.BackOffice;

/// <summary>What the step-up page shows: the decision, where the form goes back to, and the fields posted the first time.</summary>
public sealed record StepUpPage(string What, string Action, string Back, IReadOnlyList<KeyValuePair<string, string>> Fields);

/// <summary>A bound command that says itself whether running it needs a recent second factor (the bulk form: accepting does,
/// taking does not).</summary>
public interface IMayNeedRecentSecondFactor
{
    bool NeedsRecentSecondFactor { get; }
}

/// <summary>
/// Decisions that bind the ministry (accept, reject, revoke) need a second factor checked less than 15 minutes ago. Otherwise
/// the page asks for a code, keeps what was posted in hidden fields and posts it all back here: a right code refreshes the
/// session's check and the action runs in the same request.
/// Whether the check applies is decided on the action's arguments as MVC bound them, the very objects the action runs
/// with, never on the raw form: repeated, prefixed or differently cased keys made the form say something else (issue 14).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RecentSecondFactorAttribute(string what) : Attribute, IAsyncActionFilter
{
    public const string CodeField = "CodeConfirmation";

    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(15);

    public static bool IsRecent(ClaimsPrincipal user, DateTimeOffset now) =>
        long.TryParse(user.FindFirstValue(TwoFactor.VerifiedAtClaim), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
        && now - DateTimeOffset.FromUnixTimeSeconds(seconds) <= MaxAge;

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        // Needed unless a bound command says otherwise: an action without such a command always needs it.
        var needed = context.ActionArguments.Values.OfType<IMayNeedRecentSecondFactor>().All(c => c.NeedsRecentSecondFactor);
        if (!needed || IsRecent(http.User, http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()))
        {
            await next();
            return;
        }

        var controller = (Controller)context.Controller;
        if (form.ContainsKey(CodeField))
        {
            var users = http.RequestServices.GetRequiredService<UserManager<ApplicationUser>>();
            var signIn = http.RequestServices.GetRequiredService<SignInManager<ApplicationUser>>();
            var user = await users.GetUserAsync(http.User);
            var code = form[CodeField].ToString().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
            if (user is null)
            {
                context.Result = controller.Redirect("/compte/connexion");
                return;
            }

            if (code.Length > 0 && await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.ResetAccessFailedCountAsync(user);
                await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(TwoFactor.Claim, TwoFactor.Used)]);
                await next();
                return;
            }

            if (code.Length > 0)
            {
                // Wrong codes count towards the same lockout as at sign-in, so the page cannot be used to guess codes.
                await users.AccessFailedAsync(user);
                if (await users.IsLockedOutAsync(user))
                {
                    await signIn.SignOutAsync();
                    controller.TempData["Error"] = "Trop d'essais infructueux : votre compte est bloqué pendant 15 minutes.";
                    context.Result = controller.Redirect("/compte/connexion");
                    return;
                }
            }

            controller.ModelState.AddModelError(CodeField, code.Length == 0
                ? "Saisissez le code à 6 chiffres affiché par votre application d'authentification."
                : "Code incorrect ou expiré. Saisissez le code affiché maintenant par votre application.");
        }

        var fields = form
            .Where(f => !string.Equals(f.Key, CodeField, StringComparison.OrdinalIgnoreCase) && !string.Equals(f.Key, "__RequestVerificationToken", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => f.Value.Select(v => KeyValuePair.Create(f.Key, v ?? "")))
            .ToList();
        var back = context.RouteData.Values["number"] is string number ? $"/back-office/demandes/{Uri.EscapeDataString(number)}" : "/back-office";
        var page = controller.View("StepUp", new StepUpPage(what, http.Request.Path + http.Request.QueryString, back, fields));
        page.StatusCode = controller.ModelState.IsValid ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest;
        context.Result = page;
    }
}
