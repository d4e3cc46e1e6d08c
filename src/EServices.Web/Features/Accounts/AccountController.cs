using System.Globalization;
using System.Text;
using EServices.Web.Data;
using EServices.Web.Infrastructure;
using EServices.Web.Infrastructure.Email;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace EServices.Web.Features.Accounts;

[AllowAnonymous]
[Route("compte")]
public sealed class AccountController(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    EmailOutbox outbox,
    PublicLinks links,
    AppDbContext db,
    TimeProvider clock,
    SignInJournal journal) : Controller
{
    [HttpGet("inscription")]
    public IActionResult Register(string? returnUrl) => View(new RegisterForm { ReturnUrl = returnUrl });

    [HttpPost("inscription")]
    [SignInLimited(nameof(RegisterForm.Email), Counter = "inscription:")]
    public async Task<IActionResult> Register(
        RegisterForm form, [FromServices] IValidator<RegisterForm> validator, [FromServices] IPasswordHasher<ApplicationUser> hasher,
        [FromServices] IDataProtectionProvider protection)
    {
        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(form));
        if (!ModelState.IsValid)
        {
            return Redisplay(form);
        }

        FieldRules.TryPhone(form.Phone!, out var phone);
        var email = FieldRules.Normalize(FieldType.Email, form.Email!);
        var candidate = new ApplicationUser
        {
            UserName = email,
            Email = email,
            FirstNames = form.FirstNames!.Trim(),
            LastName = form.LastName!.Trim(),
            PhoneNumber = phone,
        };

        // The portal's rules on the password and the address, except "already taken": that one would tell who has an account.
        var errors = new List<IdentityError>();
        foreach (var check in users.PasswordValidators)
        {
            errors.AddRange((await check.ValidateAsync(users, candidate, form.Password)).Errors);
        }

        foreach (var check in users.UserValidators)
        {
            errors.AddRange((await check.ValidateAsync(users, candidate)).Errors
                .Where(e => e.Code is not (nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))));
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(form.Password) : nameof(form.Email), error.Description);
            }

            return Redisplay(form);
        }

        // Hashed whether or not the address has an account: the same work, and the password never leaves in clear.
        var hash = hasher.HashPassword(candidate, form.Password!);
        if (await users.FindByEmailAsync(email) is { } owner)
        {
            // Someone typed the address of an account: its owner hears of it, whoever tried.
            WarnOwnerOfSignUp(owner);
        }
        else
        {
            var returnUrl = ReturnUrl.LocalOr(form.ReturnUrl, "");
            var ticket = new SignUpTicket(email, candidate.FirstNames, candidate.LastName, phone, hash, returnUrl.Length == 0 ? null : returnUrl,
                clock.GetUtcNow() + SignUpTicket.Lifetime);
            var link = links.To("/compte/activer?jeton=" + Uri.EscapeDataString(ticket.Protect(protection)));
            Mail(email, candidate.FirstNames, "Activez votre compte des e-services",
                "Pour terminer la création de votre compte des e-services, ouvrez ce lien (valable 24 heures) " +
                $"puis appuyez sur « Activer mon compte » :\n{link}\n\n" +
                "Si vous n'avez rien demandé, ignorez ce message : aucun compte ne sera créé.");
        }

        await db.SaveChangesAsync();
        ViewData["Email"] = email;
        return View("RegisterSent");
    }

    [HttpGet("activer")]
    public IActionResult Activate(string? jeton, [FromServices] IDataProtectionProvider protection) =>
        SignUpTicket.Read(protection, jeton, clock.GetUtcNow()) is { } ticket
            ? View(new ActivateForm { Jeton = jeton, Email = ticket.Email })
            : ActivationRefused();

    [HttpPost("activer")]
    public async Task<IActionResult> Activate(ActivateForm form, [FromServices] IDataProtectionProvider protection)
    {
        if (SignUpTicket.Read(protection, form.Jeton, clock.GetUtcNow()) is not { } ticket)
        {
            return ActivationRefused();
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
        IdentityResult result;
        try
        {
            result = await users.CreateAsync(user);
        }
        catch (DbUpdateException)
        {
            // Two activations at once: the unique index on the address let one through.
            result = IdentityResult.Failed(new FrenchIdentityErrorDescriber().DuplicateEmail(ticket.Email));
        }

        if (!result.Succeeded && result.Errors.All(e => e.Code is not (nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName))))
        {
            return ActivationRefused();
        }

        if (!result.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("AlreadyActive", ticket.Email);
        }

        await signIn.SignInAsync(user, isPersistent: false);
        TempData["Message"] = "Votre compte est créé. Bienvenue sur les e-services.";
        return LocalRedirect(SafeReturnUrl(ticket.ReturnUrl));
    }

    private ViewResult ActivationRefused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("ActivationRefused");
    }

    [HttpGet("connexion")]
    public IActionResult Login(string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("connexion")]
    [SignInLimited(nameof(LoginForm.Email))]
    public async Task<IActionResult> Login(LoginForm form, [FromServices] IValidator<LoginForm> validator, [FromServices] IPasswordHasher<ApplicationUser> hasher, CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(form, ct));
        if (!ModelState.IsValid)
        {
            return Redisplay(form);
        }

        var user = await users.FindByEmailAsync(form.Email!.Trim());
        if (user is null)
        {
            // The same work as for an account: answering without a password check told which addresses have one (~4 ms against ~100 ms).
            AbsentAccount.VerifyPassword(hasher, form.Password!);
        }

        var wasLockedOut = user is not null && await users.IsLockedOutAsync(user);
        var result = user is null
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form.Password!, isPersistent: false, lockoutOnFailure: true);
        if (result.RequiresTwoFactor)
        {
            return Redirect($"/compte/connexion/code?returnUrl={Uri.EscapeDataString(form.ReturnUrl ?? "")}");
        }

        if (result.Succeeded)
        {
            // Staff must enrol a second factor before the back-office opens to them.
            if (user!.TwoFactorEnabled is false && (await users.GetRolesAsync(user)).Count > 0)
            {
                return Redirect("/compte/double-authentification");
            }

            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }

        if (user is not null)
        {
            await journal.PasswordRefusedAsync(user, result, ct);
        }

        if (result.IsLockedOut && !wasLockedOut)
        {
            // The page says the same for every failure (a lockout would tell that the address has an account): the owner
            // learns of the lockout by e-mail.
            WarnOwnerOfLockout(user!);
            await db.SaveChangesAsync(ct);
        }

        // Identity refuses a deactivated account before checking its password: saying so only to the right password keeps
        // deactivated addresses from being found.
        var deactivated = result.IsNotAllowed && await users.CheckPasswordAsync(user!, form.Password!);
        ModelState.AddModelError(nameof(form.Password), deactivated
            ? "Ce compte est désactivé. Adressez-vous à l'administrateur du portail."
            : SignInRefused);
        form.Password = null;
        return Redisplay(form);
    }

    [HttpPost("deconnexion")]
    public async Task<IActionResult> Logout()
    {
        var user = await users.GetUserAsync(User);
        await signIn.SignOutAsync();
        if (user is not null)
        {
            // A new stamp makes a copy of the session cookie worthless at its next check (within a minute), on every device.
            await users.UpdateSecurityStampAsync(user);
        }

        TempData["Message"] = "Vous êtes déconnecté.";
        return Redirect("/");
    }

    [HttpGet("mot-de-passe-oublie")]
    public IActionResult ForgotPassword() => View(new ForgotPasswordForm());

    [HttpPost("mot-de-passe-oublie")]
    [SignInLimited(nameof(ForgotPasswordForm.Email))]
    public async Task<IActionResult> ForgotPassword(ForgotPasswordForm form, [FromServices] IValidator<ForgotPasswordForm> validator, CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(form, ct));
        if (!ModelState.IsValid)
        {
            return Redisplay(form);
        }

        // The same answer whether or not the account exists, so that the page reveals no addresses.
        if (await users.FindByEmailAsync(form.Email!.Trim()) is { } user)
        {
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = links.PasswordReset(user.Id, code);
            Mail(user.Email!, user.FirstNames, "Réinitialisation de votre mot de passe",
                $"Pour choisir un nouveau mot de passe, ouvrez ce lien (valable 24 heures) :\n{link}\n\n" +
                "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe reste inchangé.");
            await db.SaveChangesAsync(ct);
        }

        return View("ForgotPasswordSent");
    }

    [HttpGet("reinitialiser")]
    public IActionResult ResetPassword(string? userId, string? code) => View(new ResetPasswordForm { UserId = userId, Code = code });

    [HttpPost("reinitialiser")]
    [SignInLimited(nameof(ResetPasswordForm.UserId))]
    public async Task<IActionResult> ResetPassword(ResetPasswordForm form, [FromServices] IValidator<ResetPasswordForm> validator)
    {
        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(form));
        if (!ModelState.IsValid)
        {
            return Redisplay(form);
        }

        var user = form.UserId is null ? null : await users.FindByIdAsync(form.UserId);
        string? token = null;
        try
        {
            token = form.Code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(form.Code));
        }
        catch (FormatException)
        {
        }

        // An invited agent has no password yet: choosing the first one is not a change to warn about.
        var hadPassword = user?.PasswordHash is not null;
        var result = user is null || token is null
            ? IdentityResult.Failed(new FrenchIdentityErrorDescriber().InvalidToken())
            : await users.ResetPasswordAsync(user, token, form.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(form.Password), error.Description);
            }

            return Redisplay(form);
        }

        if (hadPassword)
        {
            WarnOwnerOfPasswordChange(user!);
            await db.SaveChangesAsync();
        }

        TempData["Message"] = "Votre mot de passe est changé. Connectez-vous avec le nouveau.";
        return Redirect("/compte/connexion");
    }

    /// <summary>Tells the owner at the address of the account, so that a change they did not make does not go unnoticed.</summary>
    private void WarnOwnerOfPasswordChange(ApplicationUser user) =>
        Mail(user.Email!, user.FirstNames, "Votre mot de passe a été changé",
            $"Le mot de passe de votre compte des e-services a été changé le {Now} (heure de Ouagadougou).\n\n" +
            "Si c'est vous, vous n'avez rien à faire.\n" +
            $"Si ce n'est pas vous, choisissez tout de suite un nouveau mot de passe avec ce lien, puis prévenez le support :\n{links.ForgotPassword}");

    /// <summary>The one answer to a refused sign-in, whether the address has no account, the password is wrong or the account
    /// is locked.</summary>
    public const string SignInRefused = "Adresse e-mail ou mot de passe incorrect. Après 5 essais infructueux, le compte est bloqué " +
        "15 minutes : vous pouvez alors réinitialiser votre mot de passe.";

    private void WarnOwnerOfLockout(ApplicationUser owner) =>
        Mail(owner.Email!, owner.FirstNames, "Votre compte est bloqué pendant 15 minutes",
            $"Le {Now} (heure de Ouagadougou), 5 mots de passe erronés ont été saisis pour votre compte des " +
            "e-services : il est bloqué pendant 15 minutes, même avec le bon mot de passe.\n\n" +
            $"Si ce n'est pas vous, ou si vous avez oublié votre mot de passe, choisissez-en un nouveau avec ce lien :\n{links.ForgotPassword}");

    /// <summary>Tells the owner of an address that someone tried to sign up with it, and how to get back in if it was them.</summary>
    private void WarnOwnerOfSignUp(ApplicationUser owner) =>
        Mail(owner.Email!, owner.FirstNames, "Tentative de création d'un compte avec votre adresse",
            $"Le {Now} (heure de Ouagadougou), quelqu'un a tenté de créer un compte des e-services avec votre adresse. " +
            "Aucun compte n'a été créé : votre compte reste le seul à cette adresse.\n\n" +
            $"Si c'est vous, connectez-vous avec votre mot de passe ; si vous l'avez oublié, choisissez-en un nouveau avec ce lien :\n{links.ForgotPassword}\n\n" +
            "Si ce n'est pas vous, vous n'avez rien à faire.");

    /// <summary>An account e-mail: greeting, <paramref name="body"/>, signature; sent by the outbox if the caller's save commits.</summary>
    private void Mail(string to, string firstNames, string subject, string body) =>
        outbox.EnqueueAccountMail(to, firstNames, subject, body);

    /// <summary>Now as the e-mails write it (Ouagadougou is on UTC).</summary>
    private string Now => clock.GetUtcNow().ToString("dd/MM/yyyy 'à' HH:mm", CultureInfo.GetCultureInfo("fr-FR"));

    [HttpGet("acces-refuse")]
    public IActionResult AccessDenied() => View();

    private ViewResult Redisplay(object form)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(form);
    }

    private static string SafeReturnUrl(string? returnUrl) => ReturnUrl.LocalOr(returnUrl, "/mes-demandes");
}
