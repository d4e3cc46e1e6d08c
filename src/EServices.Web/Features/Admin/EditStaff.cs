using EServices.Web.Infrastructure.Audit;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Admin;

/// <summary>A staff account's name, role, services and groups; the address identifies the account and is not edited.
/// The command is the posted <see cref="StaffForm"/>, checked by its validator.</summary>
public static class EditStaff
{
    public sealed class Handler(AppDbContext db, UserManager<ApplicationUser> users, IValidator<StaffForm> validator, AuditLog audit)
    {
        /// <summary>The errors to show, none once saved with one audit entry per kind of change.</summary>
        public async Task<ValidationResult> HandleAsync(ApplicationUser user, StaffForm form, CancellationToken ct)
        {
            form.Email = user.Email;
            var result = await validator.ValidateAsync(form, ct);
            await StaffMemberships.TidyAsync(db, form, ct);
            if (!result.IsValid)
            {
                return result;
            }

            var before = new StaffForm
            {
                FirstNames = user.FirstNames, LastName = user.LastName, Role = (await users.GetRolesAsync(user)).FirstOrDefault(),
                Services = await db.ServiceMembers.Where(m => m.UserId == user.Id).Select(m => m.ServiceId).ToArrayAsync(ct),
                Groups = await db.GroupMembers.Where(m => m.UserId == user.Id).Select(m => m.GroupId).ToArrayAsync(ct),
            };
            // A role or services change is saved with its audit entry, or not at all.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            (user.FirstNames, user.LastName) = (form.FirstNames!.Trim(), form.LastName!.Trim());
            await users.UpdateAsync(user);
            await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
            await users.AddToRoleAsync(user, form.Role!);
            await StaffMemberships.SetAsync(db, user.Id, form, ct);
            foreach (var change in await ChangesAsync(before, form, ct))
            {
                audit.Record(change, AuditTargets.Staff, user.Id, StaffMemberships.Label(user));
            }

            await db.SaveChangesAsync(ct);
            await users.UpdateSecurityStampAsync(user); // new rights take effect at once: that agent's sessions end
            await transaction.CommitAsync(ct);
            return result;
        }

        /// <summary>What the audit log says about an edit: one line per kind of change.</summary>
        private async Task<List<string>> ChangesAsync(StaffForm before, StaffForm after, CancellationToken ct)
        {
            var changes = new List<string>();
            if (before.FirstNames != after.FirstNames!.Trim() || before.LastName != after.LastName!.Trim())
            {
                changes.Add($"Nom de l'agent modifié (ancien : {before.FirstNames} {before.LastName})");
            }

            if (before.Role != after.Role)
            {
                changes.Add($"Rôle de l'agent changé : {(before.Role is null ? "aucun" : Roles.Label(before.Role))} → {Roles.Label(after.Role!)}");
            }

            if (!before.Services.ToHashSet().SetEquals(after.Services) || !before.Groups.ToHashSet().SetEquals(after.Groups))
            {
                changes.Add($"Services et groupes de l'agent changés : {await StaffMemberships.DescribeAsync(db, after, ct)}");
            }

            return changes;
        }
    }
}
