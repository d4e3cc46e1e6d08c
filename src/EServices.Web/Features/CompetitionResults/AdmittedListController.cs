using FluentValidation;

namespace EServices.Web.Features.CompetitionResults;

/// <summary>AGRE's results of a competition: import the list of admitted candidates (again, until publication), then
/// publish it.</summary>
[Authorize(Policy = AuthorizationPolicies.CompetitionAdmin)]
[Route("admin/concours/{id:int}/resultats")]
public sealed class AdmittedListController(AppDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Show(int id, CancellationToken ct) =>
        await AdmittedListPage.FindAsync(db, id, ct) is { } page ? View("AdmittedList", page) : NotFound();

    /// <summary>The request may be four times the file's limit: a file a little too big (a whole export of 10 MB) is read
    /// and refused next to the field by the validator, not cut by the server with a bare « Demande incorrecte ».</summary>
    [HttpPost("")]
    [RequestSizeLimit(4 * ImportResults.MaxBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = 4 * ImportResults.MaxBytes)]
    public async Task<IActionResult> Import(int id, ImportResults.Form form, [FromServices] IValidator<ImportResults.Form> validator,
        [FromServices] ImportResults.Handler import, CancellationToken ct)
    {
        if (await AdmittedListPage.FindAsync(db, id, ct) is not { } page)
        {
            return NotFound();
        }

        if (!await this.CheckAsync(validator, form, ct))
        {
            return this.Redisplay("AdmittedList", page);
        }

        var outcome = await import.HandleAsync(id, form.Fichier!, ct);
        if (outcome is null)
        {
            return NotFound();
        }

        if (outcome.Admitted is not { } admitted)
        {
            ModelState.AddModelError(nameof(form.Fichier), outcome.Problem!);
            return this.Redisplay("AdmittedList", page with { Import = outcome });
        }

        TempData["Message"] = $"Liste importée : {ImportResults.Plural(admitted, "admis")}. Vérifiez-la, puis publiez les résultats.";
        return Redirect($"/admin/concours/{id}/resultats");
    }

    [HttpPost("publier")]
    public async Task<IActionResult> Publish(int id, PublishResults.Form form, [FromServices] IValidator<PublishResults.Form> validator,
        [FromServices] PublishResults.Handler publish, CancellationToken ct)
    {
        if (await AdmittedListPage.FindAsync(db, id, ct) is not { } page)
        {
            return NotFound();
        }

        if (!await this.CheckAsync(validator, form, ct))
        {
            return this.Redisplay("AdmittedList", page);
        }

        switch (await publish.HandleAsync(id, ct))
        {
            case null:
                return NotFound();
            case "":
                TempData["Message"] = "Résultats publiés : ils sont consultables sur /resultats et les admis sont prévenus par SMS.";
                return Redirect($"/admin/concours/{id}/resultats");
            case var refusal:
                ModelState.AddModelError(nameof(form.Confirm), refusal);
                return this.Redisplay("AdmittedList", await AdmittedListPage.FindAsync(db, id, ct) ?? page, StatusCodes.Status409Conflict);
        }
    }
}
