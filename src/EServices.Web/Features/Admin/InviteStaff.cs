using System.Text;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Infrastructure.Email;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace EServices.Web.Features.Admin;

/// <summary>"Inviter un agent": the account, its role, services and groups, its audit entry and the invitation e-mail
/// are saved together, or not at all. The command is the posted <see cref="StaffForm"/>, checked by its validator.</summary>
public static class InviteStaff
{
    public sealed class Handler(
        AppDbContext db, UserManager<ApplicationUser> users, IValidator<StaffForm> validator, EmailOutbox outbox, PublicLinks links, TimeProvider clock, AuditLog audit)
    {
        /// <summary>The errors to show, none once the invitation is sent; <see cref="StaffForm.Email"/> is then the address as saved.</summary>
        public async Task<ValidationResult> HandleAsync(StaffForm form, CancellationToken ct)
        {
            var result = await validator.ValidateAsync(form, ct);
            await StaffMemberships.TidyAsync(db, form, ct);
            if (result.IsValid && await users.FindByEmailAsync(form.Email!.Trim()) is not null)
            {
                result.Errors.Add(new ValidationFailure(nameof(form.Email), "Un compte existe déjà avec cette adresse e-mail."));
            }

            if (!result.IsValid)
            {
                return result;
            }

            var email = form.Email!.Trim().ToLowerInvariant();
            var user = new ApplicationUser
            {
                UserName = email, Email = email, EmailConfirmed = true, FirstNames = form.FirstNames!.Trim(), LastName = form.LastName!.Trim(), CreatedAt = clock.GetUtcNow(),
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return new ValidationResult([new ValidationFailure(nameof(form.Email), created.Errors.First().Description)]);
            }

            await users.AddToRoleAsync(user, form.Role!);
            await StaffMemberships.SetAsync(db, user.Id, form, ct);
            audit.Record($"Agent invité ({Roles.Label(form.Role!)} ; {await StaffMemberships.DescribeAsync(db, form, ct)})", AuditTargets.Staff, user.Id, StaffMemberships.Label(user));
            var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            outbox.EnqueueAccountMail(email, user.FirstNames, "Invitation au back-office des e-services",
                $"Un compte « {Roles.Label(form.Role!)} » vous a été ouvert sur le portail des e-services du ministère.\n" +
                $"Choisissez votre mot de passe avec ce lien (valable 24 heures) :\n{links.PasswordReset(user.Id, code)}\n\n" +
                "À la première connexion, vous activerez la double authentification avec une application de votre téléphone.");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            form.Email = email;
            return result;
        }
    }
}
