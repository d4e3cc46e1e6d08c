using EServices.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Admin;

public sealed record StaffLine(string Id, string Name, string Email, string Role, IReadOnlyList<string> Services, bool Deactivated);

public sealed record StaffEditPage(
    string? Id, StaffForm Form, IReadOnlyList<(int Id, string Code, string Name)> Services, IReadOnlyList<(int Id, int ServiceId, string Label)> Groups, bool Deactivated);

/// <summary>Staff accounts: invite by e-mail, roles, services and groups, deactivate (the account stays, with its history).
/// Every change is written to the audit log.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/agents")]
public sealed class StaffController(AppDbContext db, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, TimeProvider clock, AuditLog audit)
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
    public async Task<IActionResult> Invite(StaffForm form, [FromServices] InviteStaff.Handler invite, CancellationToken ct) =>
        this.Check(await invite.HandleAsync(form, ct))
            ? this.Saved($"Invitation envoyée à {form.Email}.", "/admin/agents")
            : await RedisplayAsync(null, form, false, ct);

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
    public async Task<IActionResult> Edit(string id, StaffForm form, [FromServices] EditStaff.Handler edit, CancellationToken ct)
    {
        if (await FindStaffAsync(id) is not { } user)
        {
            return NotFound();
        }

        if (!this.Check(await edit.HandleAsync(user, form, ct)))
        {
            return await RedisplayAsync(id, form, user.DeactivatedAt is not null, ct);
        }

        if (user.Id == users.GetUserId(User))
        {
            await signIn.RefreshSignInAsync(user); // an administrator editing their own account stays signed in
        }

        return this.Saved($"Compte de {user.FirstNames} {user.LastName.ToUpperInvariant()} enregistré.", "/admin/agents");
    }

    [HttpPost("{id}/desactiver")]
    public Task<IActionResult> Deactivate(string id) => SetActiveAsync(id, active: false);

    [HttpPost("{id}/reactiver")]
    public Task<IActionResult> Reactivate(string id) => SetActiveAsync(id, active: true);

    private async Task<IActionResult> SetActiveAsync(string id, bool active)
    {
        if (await FindStaffAsync(id) is not { } user)
        {
            return NotFound();
        }

        if (user.Id == users.GetUserId(User))
        {
            TempData["Error"] = "Vous ne pouvez pas désactiver votre propre compte.";
            return Redirect($"/admin/agents/{id}");
        }

        user.DeactivatedAt = active ? null : clock.GetUtcNow();
        audit.Record(active ? "Agent réactivé" : "Agent désactivé", AuditTargets.Staff, id, StaffMemberships.Label(user));
        await users.UpdateAsync(user); // saves the audit entry with the account
        await users.UpdateSecurityStampAsync(user); // open sessions end at the next check
        TempData["Message"] = active ? $"Le compte de {user.Email} est réactivé." : $"Le compte de {user.Email} est désactivé : il ne peut plus se connecter ; son historique est conservé.";
        return Redirect("/admin/agents");
    }

    /// <summary>Only staff accounts are handled here, as the page itself says: an applicant's account is not made staff by a forged post.</summary>
    private async Task<ApplicationUser?> FindStaffAsync(string id) =>
        await users.FindByIdAsync(id) is { } user && (await users.GetRolesAsync(user)).Count > 0 ? user : null;

    private async Task<IActionResult> RedisplayAsync(string? id, StaffForm form, bool deactivated, CancellationToken ct) =>
        this.Redisplay("StaffEdit", await PageAsync(id, form, deactivated, ct));

    private async Task<StaffEditPage> PageAsync(string? id, StaffForm form, bool deactivated, CancellationToken ct)
    {
        var services = await db.Services.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(ct);
        var groups = await db.ServiceGroups.AsNoTracking().Where(g => form.Services.Contains(g.ServiceId))
            .Join(db.Services, g => g.ServiceId, s => s.Id, (g, s) => new { g.Id, g.ServiceId, Label = s.Code + " – " + g.Name })
            .OrderBy(g => g.Label).ToListAsync(ct);
        return new StaffEditPage(id, form, services.Select(s => (s.Id, s.Code, s.Name)).ToList(), groups.Select(g => (g.Id, g.ServiceId, g.Label)).ToList(), deactivated);
    }
}
