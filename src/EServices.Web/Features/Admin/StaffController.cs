using System.Text;
using EServices.Web.Data;
using EServices.Web.Infrastructure;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Infrastructure.Email;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace EServices.Web.Features.Admin;

public sealed record StaffLine(string Id, string Name, string Email, string Role, IReadOnlyList<string> Services, bool Deactivated);

public sealed record StaffEditPage(
    string? Id, StaffForm Form, IReadOnlyList<(int Id, string Code, string Name)> Services, IReadOnlyList<(int Id, int ServiceId, string Label)> Groups, bool Deactivated);

/// <summary>Staff accounts: invite by e-mail, roles, services and groups, deactivate (the account stays, with its history).
/// Every change is written to the audit log.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/agents")]
public sealed class StaffController(AppDbContext db, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, IValidator<StaffForm> validator, EmailOutbox outbox, PublicLinks links, TimeProvider clock, AuditLog audit)
    : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> StaffList(CancellationToken ct)
    {
        var staff = await (from user in db.Users.AsNoTracking()
                           join link in db.UserRoles on user.Id equals link.UserId
                           join role in db.Roles on link.RoleId equals role.Id
                           orderby user.LastName
                           select new { user.Id, user.FirstNames, user.LastName, user.Email, Role = role.Name, user.DeactivatedAt }).ToListAsync(ct);
        var memberships = await db.ServiceMembers.AsNoTracking()
            .Join(db.Services, m => m.ServiceId, s => s.Id, (m, s) => new { m.UserId, s.Code })
            .ToListAsync(ct);
        return View(staff.Select(s => new StaffLine(s.Id, $"{s.FirstNames} {s.LastName.ToUpperInvariant()}", s.Email!, Roles.Label(s.Role!),
            memberships.Where(m => m.UserId == s.Id).Select(m => m.Code).Order().ToList(), s.DeactivatedAt is not null)).ToList());
    }

    [HttpGet("inviter")]
    public async Task<IActionResult> Invite(CancellationToken ct) => View("StaffEdit", await PageAsync(null, new StaffForm { Role = Roles.Agent }, false, ct));

    [HttpPost("inviter")]
    public async Task<IActionResult> Invite(StaffForm form, CancellationToken ct)
    {
        if (!await ValidAsync(form, null, ct))
        {
            return await RedisplayAsync(null, form, false, ct);
        }

        var email = form.Email!.Trim().ToLowerInvariant();
        var user = new ApplicationUser
        {
            UserName = email, Email = email, EmailConfirmed = true, FirstNames = form.FirstNames!.Trim(), LastName = form.LastName!.Trim(), CreatedAt = clock.GetUtcNow(),
        };
        // The account, its role and services are saved with their audit entry, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            ModelState.AddModelError(nameof(form.Email), created.Errors.First().Description);
            return await RedisplayAsync(null, form, false, ct);
        }

        await users.AddToRoleAsync(user, form.Role!);
        await SetServicesAsync(user.Id, form.Services, ct);
        await SetGroupsAsync(user.Id, form.Groups, ct);
        audit.Record($"Agent invité ({Roles.Label(form.Role!)} ; {await DescribeAsync(form, ct)})", AuditTargets.Staff, user.Id, Label(user));
        var code = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        outbox.Enqueue(email, "Invitation au back-office des e-services",
            $"Bonjour {user.FirstNames},\n\nUn compte « {Roles.Label(form.Role!)} » vous a été ouvert sur le portail des e-services du ministère.\n" +
            $"Choisissez votre mot de passe avec ce lien (valable 24 heures) :\n{links.PasswordReset(user.Id, code)}\n\n" +
            "À la première connexion, vous activerez la double authentification avec une application de votre téléphone.\n\nLes e-services de la Fonction publique");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Message"] = $"Invitation envoyée à {email}.";
        return Redirect("/admin/agents");
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || (await users.GetRolesAsync(user)).FirstOrDefault() is not { } role)
        {
            return NotFound();
        }

        var services = await db.ServiceMembers.Where(m => m.UserId == id).Select(m => m.ServiceId).ToArrayAsync(ct);
        var groups = await db.GroupMembers.Where(m => m.UserId == id).Select(m => m.GroupId).ToArrayAsync(ct);
        var form = new StaffForm { Email = user.Email, FirstNames = user.FirstNames, LastName = user.LastName, Role = role, Services = services, Groups = groups };
        return View("StaffEdit", await PageAsync(id, form, user.DeactivatedAt is not null, ct));
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, StaffForm form, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(id);
        // Only staff accounts are edited here, as the page itself says: an applicant's account is not made staff by a forged post.
        if (user is null || (await users.GetRolesAsync(user)).Count == 0)
        {
            return NotFound();
        }

        form.Email = user.Email; // the address identifies the account: it is not edited here
        if (!await ValidAsync(form, id, ct))
        {
            return await RedisplayAsync(id, form, user.DeactivatedAt is not null, ct);
        }

        var before = new StaffForm
        {
            FirstNames = user.FirstNames, LastName = user.LastName, Role = (await users.GetRolesAsync(user)).FirstOrDefault(),
            Services = await db.ServiceMembers.Where(m => m.UserId == id).Select(m => m.ServiceId).ToArrayAsync(ct),
            Groups = await db.GroupMembers.Where(m => m.UserId == id).Select(m => m.GroupId).ToArrayAsync(ct),
        };
        // A role or services change is saved with its audit entry, or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        (user.FirstNames, user.LastName) = (form.FirstNames!.Trim(), form.LastName!.Trim());
        await users.UpdateAsync(user);
        await users.RemoveFromRolesAsync(user, await users.GetRolesAsync(user));
        await users.AddToRoleAsync(user, form.Role!);
        await SetServicesAsync(id, form.Services, ct);
        await SetGroupsAsync(id, form.Groups, ct);
        foreach (var change in await ChangesAsync(before, form, ct))
        {
            audit.Record(change, AuditTargets.Staff, id, Label(user));
        }

        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(user); // new rights take effect at once: that agent's sessions end
        await transaction.CommitAsync(ct);
        if (user.Id == users.GetUserId(User))
        {
            await signIn.RefreshSignInAsync(user); // an administrator editing their own account stays signed in
        }

        TempData["Message"] = $"Compte de {user.FirstNames} {user.LastName.ToUpperInvariant()} enregistré.";
        return Redirect("/admin/agents");
    }

    [HttpPost("{id}/desactiver")]
    public Task<IActionResult> Deactivate(string id) => SetActiveAsync(id, active: false);

    [HttpPost("{id}/reactiver")]
    public Task<IActionResult> Reactivate(string id) => SetActiveAsync(id, active: true);

    private async Task<IActionResult> SetActiveAsync(string id, bool active)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null || (await users.GetRolesAsync(user)).Count == 0)
        {
            return NotFound();
        }

        if (user.Id == users.GetUserId(User))
        {
            TempData["Error"] = "Vous ne pouvez pas désactiver votre propre compte.";
            return Redirect($"/admin/agents/{id}");
        }

        user.DeactivatedAt = active ? null : clock.GetUtcNow();
        audit.Record(active ? "Agent réactivé" : "Agent désactivé", AuditTargets.Staff, id, Label(user));
        await users.UpdateAsync(user); // saves the audit entry with the account
        await users.UpdateSecurityStampAsync(user); // open sessions end at the next check
        TempData["Message"] = active ? $"Le compte de {user.Email} est réactivé." : $"Le compte de {user.Email} est désactivé : il ne peut plus se connecter ; son historique est conservé.";
        return Redirect("/admin/agents");
    }

    private async Task<bool> ValidAsync(StaffForm form, string? id, CancellationToken ct)
    {
        ModelState.Clear();
        ModelState.AddErrors(await validator.ValidateAsync(form, ct));
        var known = await db.Services.Select(s => s.Id).ToListAsync(ct);
        form.Services = [.. form.Services.Where(known.Contains).Distinct()];
        // Only groups of the ticked services: unticking a service takes the agent out of its groups.
        var groups = await db.ServiceGroups.Where(g => form.Services.Contains(g.ServiceId)).Select(g => g.Id).ToListAsync(ct);
        form.Groups = [.. form.Groups.Where(groups.Contains).Distinct()];
        if (id is null && ModelState.IsValid && await users.FindByEmailAsync(form.Email!.Trim()) is not null)
        {
            ModelState.AddModelError(nameof(form.Email), "Un compte existe déjà avec cette adresse e-mail.");
        }

        return ModelState.IsValid;
    }

    private async Task SetServicesAsync(string userId, int[] services, CancellationToken ct)
    {
        var current = await db.ServiceMembers.Where(m => m.UserId == userId).ToListAsync(ct);
        db.ServiceMembers.RemoveRange(current.Where(m => !services.Contains(m.ServiceId)));
        db.ServiceMembers.AddRange(services.Where(s => current.All(m => m.ServiceId != s)).Select(s => new ServiceMember { UserId = userId, ServiceId = s }));
    }

    private async Task SetGroupsAsync(string userId, int[] groups, CancellationToken ct)
    {
        var current = await db.GroupMembers.Where(m => m.UserId == userId).ToListAsync(ct);
        db.GroupMembers.RemoveRange(current.Where(m => !groups.Contains(m.GroupId)));
        db.GroupMembers.AddRange(groups.Where(g => current.All(m => m.GroupId != g)).Select(g => new GroupMember { UserId = userId, GroupId = g }));
    }

    private static string Label(ApplicationUser user) => $"{user.FirstNames} {user.LastName.ToUpperInvariant()} ({user.Email})";

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
            changes.Add($"Services et groupes de l'agent changés : {await DescribeAsync(after, ct)}");
        }

        return changes;
    }

    /// <summary>"services DGFP, DGT ; groupes DGFP – Centre" as the audit log shows it.</summary>
    private async Task<string> DescribeAsync(StaffForm form, CancellationToken ct)
    {
        var services = await db.Services.Where(s => form.Services.Contains(s.Id)).OrderBy(s => s.Code).Select(s => s.Code).ToListAsync(ct);
        var groups = await db.ServiceGroups.Where(g => form.Groups.Contains(g.Id))
            .Join(db.Services, g => g.ServiceId, s => s.Id, (g, s) => s.Code + " – " + g.Name).OrderBy(l => l).ToListAsync(ct);
        return $"services {(services.Count == 0 ? "aucun" : string.Join(", ", services))} ; groupes {(groups.Count == 0 ? "aucun" : string.Join(", ", groups))}";
    }

    private async Task<IActionResult> RedisplayAsync(string? id, StaffForm form, bool deactivated, CancellationToken ct)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("StaffEdit", await PageAsync(id, form, deactivated, ct));
    }

    private async Task<StaffEditPage> PageAsync(string? id, StaffForm form, bool deactivated, CancellationToken ct)
    {
        var services = await db.Services.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(ct);
        var groups = await db.ServiceGroups.AsNoTracking().Where(g => form.Services.Contains(g.ServiceId))
            .Join(db.Services, g => g.ServiceId, s => s.Id, (g, s) => new { g.Id, g.ServiceId, Label = s.Code + " – " + g.Name })
            .OrderBy(g => g.Label).ToListAsync(ct);
        return new StaffEditPage(id, form, services.Select(s => (s.Id, s.Code, s.Name)).ToList(), groups.Select(g => (g.Id, g.ServiceId, g.Label)).ToList(), deactivated);
    }
}
