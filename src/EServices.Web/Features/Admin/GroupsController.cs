using EServices.Web.Infrastructure.Audit;
using FluentValidation;

namespace EServices.Web.Features.Admin;

/// <summary>The groups of a service (one per regional directorate, say): new requests are routed to one of them,
/// and an agent who belongs to groups sees their requests only.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/services/{serviceId:int}/groupes")]
public sealed class GroupsController(AppDbContext db, IValidator<GroupForm> validator, AuditLog audit) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> GroupList(int serviceId, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, ct);
        if (service is null)
        {
            return NotFound();
        }

        var groups = await db.ServiceGroups.AsNoTracking().Where(g => g.ServiceId == serviceId).OrderBy(g => g.Name)
            .Select(g => new GroupLine(g.Id, g.Name, g.IsDefault, db.GroupMembers.Count(m => m.GroupId == g.Id), db.Requests.Count(r => r.GroupId == g.Id)))
            .ToListAsync(ct);
        var procedures = await db.Procedures.AsNoTracking().Where(p => p.ServiceId == serviceId).OrderBy(p => p.Title)
            .Select(p => new GroupProcedureLine(p.Id, p.Title, p.RoutingFieldKey))
            .ToListAsync(ct);
        return View(new GroupListPage(service.Id, service.Code, service.Name, groups, procedures));
    }

    [HttpGet("nouveau")]
    public async Task<IActionResult> New(int serviceId, CancellationToken ct) =>
        await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, ct) is { } service
            ? View("GroupEdit", new GroupEditPage(serviceId, service.Code, null, new GroupForm()))
            : NotFound();

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int serviceId, int id, CancellationToken ct)
    {
        var found = await db.ServiceGroups.AsNoTracking().Where(g => g.Id == id && g.ServiceId == serviceId)
            .Join(db.Services, g => g.ServiceId, s => s.Id, (g, s) => new { g.Name, g.IsDefault, s.Code })
            .FirstOrDefaultAsync(ct);
        return found is null
            ? NotFound()
            : View("GroupEdit", new GroupEditPage(serviceId, found.Code, id, new GroupForm { Name = found.Name, IsDefault = found.IsDefault }));
    }

    [HttpPost("nouveau")]
    [HttpPost("{id:int}")]
    public async Task<IActionResult> Save(int serviceId, int? id, GroupForm form, [FromServices] SaveGroup.Handler save, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, ct);
        var group = id is null ? null : await db.ServiceGroups.FirstOrDefaultAsync(g => g.Id == id && g.ServiceId == serviceId, ct);
        if (service is null || (id is not null && group is null))
        {
            return NotFound();
        }

        var name = form.Name?.Trim() ?? "";
        var others = await db.ServiceGroups.Where(g => g.ServiceId == serviceId && g.Id != id).Select(g => g.Name).ToListAsync(ct);
        if (await this.CheckAsync(validator, form, ct) && others.Any(n => string.Equals(n, name, StringComparison.CurrentCultureIgnoreCase)))
        {
            ModelState.AddModelError(nameof(form.Name), $"Le service {service.Code} a déjà un groupe de ce nom.");
        }

        if (!ModelState.IsValid)
        {
            return this.Redisplay("GroupEdit", new GroupEditPage(serviceId, service.Code, id, form));
        }

        if (!await save.HandleAsync(service.Code, serviceId, group, name, form.IsDefault, ct))
        {
            // Another administrator saved the same name, or another default group, between the check above and this save.
            ModelState.AddModelError(nameof(form.Name), $"Un autre administrateur vient d'enregistrer ce nom ou le groupe par défaut du service {service.Code} : vérifiez la liste des groupes.");
            return this.Redisplay("GroupEdit", new GroupEditPage(serviceId, service.Code, id, form), StatusCodes.Status409Conflict);
        }

        return this.Saved($"Groupe « {name} » enregistré.", $"/admin/services/{serviceId}/groupes");
    }

    /// <summary>A group that requests point to stays: deleting it would hide them from its agents.</summary>
    [HttpPost("{id:int}/supprimer")]
    public async Task<IActionResult> Delete(int serviceId, int id, CancellationToken ct)
    {
        var group = await db.ServiceGroups.FirstOrDefaultAsync(g => g.Id == id && g.ServiceId == serviceId, ct);
        if (group is null)
        {
            return NotFound();
        }

        var requests = await db.Requests.CountAsync(r => r.GroupId == id, ct);
        if (requests > 0)
        {
            TempData["Error"] = $"Le groupe « {group.Name} » ne peut pas être supprimé : {requests} demande(s) lui sont attribuée(s).";
            return Redirect($"/admin/services/{serviceId}/groupes");
        }

        var code = await db.Services.Where(s => s.Id == serviceId).Select(s => s.Code).SingleAsync(ct);
        var rules = await db.RoutingRules.CountAsync(r => r.GroupId == id, ct);
        db.ServiceGroups.Remove(group); // its memberships and routing rules go with it (cascade)
        audit.Record("Groupe supprimé", AuditTargets.Group, id.ToString(), $"{code} – {group.Name}");
        await db.SaveChangesAsync(ct);
        return this.Saved(
            rules == 0
                ? $"Groupe « {group.Name} » supprimé."
                : $"Groupe « {group.Name} » supprimé, avec ses {rules} règle(s) d'orientation : ces demandes iront au groupe par défaut.",
            $"/admin/services/{serviceId}/groupes");
    }
}
