using System.Globalization;
using EServices.Web.Infrastructure.Audit;
using EServices.Web.Payments;
using FluentValidation;

namespace EServices.Web.Features.Admin;

public sealed record ProcedureLine(int Id, string Title, string ServiceCode, int? LiveVersion, int? DraftVersion, bool Closed)
{
    public string State =>
        (LiveVersion is { } live ? Closed ? $"Fermée (version {live})" : $"En ligne (version {live})" : "Sur papier")
        + (DraftVersion is { } draft ? $", brouillon de la version {draft}" : "");
}

/// <summary>The confirmation page of « Supprimer »; <paramref name="Refusal"/> says why this one cannot go.</summary>
public sealed record ProcedureDeletePage(Procedure Procedure, string? Refusal);

public sealed record ProcedureEditPage(Procedure? Procedure, ProcedureForm Form, IReadOnlyList<(int Id, string Name)> Categories, IReadOnlyList<(int Id, string Name)> Services)
{
    public int? Id => Procedure?.Id;

    /// <summary>The fields a fee may depend on, in the version being edited (the draft, else the live one).</summary>
    public IReadOnlyList<FormField> ChoiceFields => FeeSettings.ChoiceFields(FeeSettings.Versions(Procedure).Edited);

    /// <summary>The choices priced for the fee field chosen: the edited version's, then those only the live one offers.</summary>
    public IReadOnlyList<FieldOption> PricedChoices => FeeSettings.PricedChoices(Form.FeeFieldKey, FeeSettings.Versions(Procedure).Edited, FeeSettings.Versions(Procedure).Live);
}

/// <summary>The procedures of the decree's list: their public sheet, edited without a developer.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/demarches")]
public sealed class ProceduresController(AppDbContext db, Publishing publishing, AuditLog audit, IValidator<ProcedureForm> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> ProcedureList(CancellationToken ct) =>
        View(await db.Procedures.AsNoTracking().OrderBy(p => p.Title)
            .Select(p => new ProcedureLine(p.Id, p.Title, p.Service.Code, p.PublishedFormVersion!.Number, p.DraftFormVersion!.Number, p.ClosedAt != null))
            .ToListAsync(ct));

    [HttpGet("nouvelle")]
    public async Task<IActionResult> New(CancellationToken ct) =>
        View("ProcedureEdit", await PageAsync(null, new ProcedureForm { FeeXof = "0", FeeKind = nameof(FeeKind.None), TargetDelayDays = "10" }, ct));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) =>
        await publishing.FindAsync(id, ct) is { } procedure
            ? View("ProcedureEdit", await PageAsync(procedure, ProcedureForm.From(procedure), ct))
            : NotFound();

    [HttpPost("nouvelle")]
    [HttpPost("{id:int}")]
    public async Task<IActionResult> Save(int? id, ProcedureForm form, CancellationToken ct)
    {
        var procedure = id is null ? null : await publishing.FindAsync(id.Value, ct);
        if (id is not null && procedure is null)
        {
            return NotFound();
        }

        await this.CheckAsync(validator, form, ct);
        if (!await db.Categories.AnyAsync(c => c.Id == form.CategoryId, ct))
        {
            ModelState.AddModelError(nameof(form.CategoryId), "Choisissez une catégorie.");
        }

        if (!await db.Services.AnyAsync(s => s.Id == form.ServiceId, ct))
        {
            ModelState.AddModelError(nameof(form.ServiceId), "Choisissez le service responsable.");
        }

        var (definition, live) = FeeSettings.Versions(procedure);
        foreach (var (field, message) in FeeSettings.Problems(form, definition, live))
        {
            ModelState.AddModelError(field, message);
        }

        if (ModelState.IsValid && await db.Procedures.AnyAsync(p => p.Id != id && p.Slug == form.Slug, ct))
        {
            ModelState.AddModelError(nameof(form.Slug), "Une autre démarche utilise déjà cet identifiant.");
        }

        if (!ModelState.IsValid)
        {
            return this.Redisplay("ProcedureEdit", await PageAsync(procedure, form, ct));
        }

        var created = procedure is null;
        procedure ??= db.Procedures.Add(new Procedure { Slug = "", Title = "", Summary = "" }).Entity;
        var fee = FeeLabel.Of(procedure.FeeKind, procedure.FeeXof, procedure.FeeByChoice);
        form.ApplyTo(procedure);
        FeeSettings.ApplyTo(form, procedure, definition, live);
        var action = created ? "Démarche créée" : "Fiche modifiée";
        var newFee = FeeLabel.Of(procedure.FeeKind, procedure.FeeXof, procedure.FeeByChoice);
        action += created || fee != newFee ? $" (frais : {newFee})" : "";
        await audit.SaveAsync(db, created, action, AuditTargets.Procedure, () => procedure.Id.ToString(CultureInfo.InvariantCulture), procedure.Title, ct);
        return this.Saved($"La fiche « {procedure.Title} » est enregistrée.", created ? $"/admin/demarches/{procedure.Id}" : "/admin/demarches"); // a new one: on to its form
    }

    [HttpGet("{id:int}/supprimer")]
    public async Task<IActionResult> Delete(int id, CancellationToken ct) =>
        await publishing.FindAsync(id, ct) is { } procedure
            ? View("ProcedureDelete", new ProcedureDeletePage(procedure, await DeleteRefusalAsync(id, ct)))
            : NotFound();

    /// <summary>Only a procedure that was never published and has no request at all (draft and test ones included)
    /// goes: a published one is closed instead, so that its requests and their history stay readable.</summary>
    [HttpPost("{id:int}/supprimer")]
    public async Task<IActionResult> DeleteConfirmed(int id, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Locked, so that no one starts a request or publishes it between the check and the delete.
        var procedure = await db.Procedures.FromSqlInterpolated($"SELECT * FROM procedures WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
        if (procedure is null)
        {
            return NotFound();
        }

        if (await DeleteRefusalAsync(id, ct) is { } refusal)
        {
            TempData["Error"] = refusal;
            return Redirect($"/admin/demarches/{id}/supprimer");
        }

        db.Procedures.Remove(procedure); // its form versions, routing rules and e-mail templates go with it (cascade)
        audit.Record("Démarche supprimée", AuditTargets.Procedure, id.ToString(CultureInfo.InvariantCulture), procedure.Title);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        TempData["Message"] = $"La démarche « {procedure.Title} » est supprimée.";
        return Redirect("/admin/demarches");
    }

    private async Task<string?> DeleteRefusalAsync(int id, CancellationToken ct)
    {
        if (await db.FormVersions.AnyAsync(v => v.ProcedureId == id && v.PublishedAt != null, ct))
        {
            return "Cette démarche a été publiée : elle ne peut pas être supprimée, pour que ses demandes et leur historique restent consultables. Fermez-la aux nouvelles demandes.";
        }

        var requests = await db.Requests.CountAsync(r => r.ProcedureId == id, ct);
        return requests == 0 ? null
            : $"Cette démarche a {requests} demande{(requests > 1 ? "s" : "")} (brouillons et demandes de test compris) : elle ne peut pas être supprimée.";
    }

    private async Task<ProcedureEditPage> PageAsync(Procedure? procedure, ProcedureForm form, CancellationToken ct)
    {
        var categories = await db.Categories.AsNoTracking().OrderBy(c => c.Position).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        var services = await db.Services.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Id, Name = s.Code + " – " + s.Name }).ToListAsync(ct);
        return new ProcedureEditPage(procedure, form, categories.Select(c => (c.Id, c.Name)).ToList(), services.Select(s => (s.Id, s.Name)).ToList());
    }
}
