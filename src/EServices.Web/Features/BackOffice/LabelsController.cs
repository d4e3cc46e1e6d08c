using FluentValidation;

namespace EServices.Web.Features.BackOffice;

public sealed record LabelLine(LabelChip Label, int Requests);

public sealed record LabelListPage(IReadOnlyList<LabelLine> Labels, bool SeveralServices);

public sealed record LabelEditPage(int? Id, LabelForm Form, IReadOnlyList<(int Id, string Code, string Name)> Services);

/// <summary>A head of service names and colours their services' labels (an administrator, every service's).</summary>
[Authorize(Policy = AuthorizationPolicies.Supervisor)]
[Route("back-office/etiquettes")]
public sealed class LabelsController(AppDbContext db, LabelScope labels, LabelCatalogue catalogue, IValidator<LabelForm> validator) : Controller
{
    private const string List = "/back-office/etiquettes";

    [HttpGet("")]
    public async Task<IActionResult> LabelList(CancellationToken ct)
    {
        var chips = await labels.LabelsAsync(User, ct);
        var ids = chips.Select(c => c.Id).ToList();
        var counts = await db.RequestLabels.Where(r => ids.Contains(r.LabelId)).GroupBy(r => r.LabelId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return View(new LabelListPage(
            chips.Select(c => new LabelLine(c, counts.GetValueOrDefault(c.Id))).ToList(),
            (await labels.ServiceIdsAsync(User, ct)).Count > 1));
    }

    [HttpGet("nouvelle")]
    public async Task<IActionResult> New(CancellationToken ct)
    {
        var services = await ServicesAsync(ct);
        return View("LabelEdit", new LabelEditPage(null, new LabelForm { Service = services.Count == 1 ? services[0].Id : null, Colour = nameof(LabelColour.Blue) }, services));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) =>
        await FindAsync(id, ct) is { } label
            ? View("LabelEdit", new LabelEditPage(id, new LabelForm { Service = label.ServiceId, Name = label.Name, Colour = label.Colour.ToString() }, await ServicesAsync(ct)))
            : NotFound();

    [HttpPost("nouvelle")]
    [HttpPost("{id:int}")]
    public async Task<IActionResult> Save(int? id, LabelForm form, CancellationToken ct)
    {
        var label = id is null ? null : await FindAsync(id.Value, ct);
        if (id is not null && label is null)
        {
            return NotFound();
        }

        var services = await ServicesAsync(ct);
        // A label stays in its service; a head of one service has no choice to make (the page sends none).
        form.Service = label?.ServiceId ?? (services.Count == 1 ? services[0].Id : form.Service);
        if (await this.CheckAsync(validator, form, ct) && services.All(s => s.Id != form.Service))
        {
            ModelState.AddModelError(nameof(form.Service), "Choisissez un de vos services.");
        }

        var name = form.Name?.Trim() ?? "";
        if (ModelState.IsValid && !await catalogue.SaveAsync(label, form.Service!.Value, name, Enum.Parse<LabelColour>(form.Colour!), ct))
        {
            ModelState.AddModelError(nameof(form.Name), "Ce service a déjà une étiquette de ce nom.");
        }

        if (!ModelState.IsValid)
        {
            return this.Redisplay("LabelEdit", new LabelEditPage(id, form, services));
        }

        TempData["Message"] = $"Étiquette « {name} » enregistrée.";
        return Redirect(List);
    }

    [HttpPost("{id:int}/supprimer")]
    public async Task<IActionResult> Delete(int id, CancellationToken ct)
    {
        if (await FindAsync(id, ct) is not { } label)
        {
            return NotFound();
        }

        var requests = await catalogue.DeleteAsync(label, ct);
        TempData["Message"] = $"Étiquette « {label.Name} » supprimée" + (requests == 0 ? "." : $" : elle est retirée de {requests} demande(s).");
        return Redirect(List);
    }

    /// <summary>A label of one of the user's services; any other is not found.</summary>
    private async Task<ServiceLabel?> FindAsync(int id, CancellationToken ct)
    {
        var services = await labels.ServiceIdsAsync(User, ct);
        return await db.ServiceLabels.FirstOrDefaultAsync(l => l.Id == id && services.Contains(l.ServiceId), ct);
    }

    private async Task<List<(int Id, string Code, string Name)>> ServicesAsync(CancellationToken ct)
    {
        var ids = await labels.ServiceIdsAsync(User, ct);
        var services = await db.Services.AsNoTracking().Where(s => ids.Contains(s.Id)).OrderBy(s => s.Code)
            .Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(ct);
        return services.Select(s => (s.Id, s.Code, s.Name)).ToList();
    }
}
