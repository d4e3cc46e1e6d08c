using EServices.Web.Infrastructure.Audit;

namespace EServices.Web.Features.Admin;

/// <summary>Routing rules of a procedure: the answer to one field of its form (the applicant's region, say) picks the group
/// of the service that receives a new request; any other answer goes to the service's default group.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/demarches/{id:int}/orientation")]
public sealed class RoutingController(AppDbContext db, AuditLog audit) : Controller
{
    /// <summary>Without JavaScript the field is chosen first (<paramref name="champ"/> in the address), then its values are routed.</summary>
    [HttpGet("")]
    public async Task<IActionResult> Routing(int id, string? champ, CancellationToken ct)
    {
        var procedure = await db.Procedures.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (procedure is null)
        {
            return NotFound();
        }

        var definition = await DefinitionAsync(procedure, ct);
        var key = champ ?? procedure.RoutingFieldKey;
        var field = definition is null || string.IsNullOrEmpty(key) ? null : RoutingPage.Candidates(definition).FirstOrDefault(f => f.Key == key);
        if (champ is { Length: > 0 } && field is null)
        {
            ModelState.AddModelError("champ", "Choisissez un champ de la liste.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        var saved = field is not null && field.Key == procedure.RoutingFieldKey
            ? await db.RoutingRules.AsNoTracking().Where(r => r.ProcedureId == id).ToDictionaryAsync(r => r.FieldValue, r => r.GroupId.ToString(), ct)
            : [];
        var lines = field is null ? [] : RoutingPage.ValuesOf(field).Select(v => (v, saved.GetValueOrDefault(v.Value, ""))).ToList();
        return View(await PageAsync(procedure, definition, field, lines, ct));
    }

    [HttpPost("")]
    public async Task<IActionResult> Save(int id, RoutingForm form, CancellationToken ct)
    {
        var procedure = await db.Procedures.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (procedure is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        var definition = await DefinitionAsync(procedure, ct);
        var field = definition is null || string.IsNullOrEmpty(form.Field) ? null : RoutingPage.Candidates(definition).FirstOrDefault(f => f.Key == form.Field);
        if (!string.IsNullOrEmpty(form.Field) && field is null)
        {
            ModelState.AddModelError("champ", "Choisissez un champ de la liste.");
        }

        var groups = await db.ServiceGroups.AsNoTracking().Where(g => g.ServiceId == procedure.ServiceId).ToDictionaryAsync(g => g.Id.ToString(), ct);
        // The values come from the form definition, not from what was posted: a value posted twice or unknown is ignored.
        var lines = field is null ? [] : RoutingPage.ValuesOf(field)
            .Select(v => (Value: v, Group: form.Rules.FirstOrDefault(r => r.Value == v.Value)?.Group?.Trim() ?? ""))
            .ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Group.Length > 0 && !groups.ContainsKey(lines[i].Group))
            {
                ModelState.AddModelError($"Rules[{i}].Group", $"Choisissez un groupe du service pour « {lines[i].Value.Label} », ou le groupe par défaut.");
            }
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Routing", await PageAsync(procedure, definition, field, lines, ct));
        }

        var routed = lines.Where(l => l.Group.Length > 0).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.RoutingRules.Where(r => r.ProcedureId == id).ExecuteDeleteAsync(ct);
        procedure.RoutingFieldKey = field?.Key;
        db.RoutingRules.AddRange(routed.Select(l => new RoutingRule { ProcedureId = id, FieldValue = l.Value.Value, GroupId = groups[l.Group].Id }));
        audit.Record(Describe(field, routed.Select(l => $"{l.Value.Label} → {groups[l.Group].Name}")), AuditTargets.Procedure, id.ToString(), procedure.Title);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Message"] = field is null
            ? $"« {procedure.Title} » : toutes les nouvelles demandes iront au groupe par défaut."
            : $"Orientation de « {procedure.Title} » enregistrée.";
        return Redirect($"/admin/demarches/{id}/orientation");
    }

    /// <summary>The form applicants file with now, or the draft while the procedure has never been published.</summary>
    private async Task<FormDefinition?> DefinitionAsync(Procedure procedure, CancellationToken ct)
    {
        var versionId = procedure.PublishedFormVersionId ?? procedure.DraftFormVersionId;
        var json = await db.FormVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.Definition).FirstOrDefaultAsync(ct);
        return json is null ? null : FormDefinition.FromJson(json);
    }

    private async Task<RoutingPage> PageAsync(Procedure procedure, FormDefinition? definition, FormField? field, IReadOnlyList<(FieldOption, string)> lines, CancellationToken ct)
    {
        var service = await db.Services.AsNoTracking().Where(s => s.Id == procedure.ServiceId).Select(s => new { s.Id, s.Code }).SingleAsync(ct);
        var groups = await db.ServiceGroups.AsNoTracking().Where(g => g.ServiceId == procedure.ServiceId).OrderBy(g => g.Name)
            .Select(g => new { g.Id, g.Name, g.IsDefault }).ToListAsync(ct);
        return new RoutingPage(
            procedure.Id,
            procedure.Title,
            service.Id,
            service.Code,
            definition is not null,
            definition is null ? [] : RoutingPage.Candidates(definition).ToList(),
            field,
            procedure.RoutingFieldKey,
            lines,
            groups.Select(g => (g.Id, g.Name, g.IsDefault)).ToList());
    }

    /// <summary>The audit log's line: the field and where each routed answer goes.</summary>
    private static string Describe(FormField? field, IEnumerable<string> rules) =>
        field is null
            ? "Orientation retirée : toutes les demandes vont au groupe par défaut"
            : $"Orientation selon « {field.Label} » : {string.Join(", ", rules.DefaultIfEmpty("tout au groupe par défaut"))}";
}
