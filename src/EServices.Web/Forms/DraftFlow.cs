namespace EServices.Web.Forms;

/// <summary>The steps and the review of a draft already opened by its controller: the applicant's own pages
/// (/brouillons) and a clerk's at a counter (/guichet/brouillons) differ only in how they find the draft, where the
/// pages are (<c>pages</c>) and where "Enregistrer et finir plus tard" leads.</summary>
public sealed class DraftFlow(DraftSteps steps, TimeProvider clock)
{
    public IActionResult Step(Controller page, Request draft, string pages, int index, bool fromReview)
    {
        var id = draft.Id;
        var count = draft.FormVersion.Parse().Steps.Count;
        var nextToFill = Math.Min(draft.CompletedSteps + 1, count);
        // "Reprendre" sends to the step after the last one completed: when every step is done, that is the review.
        // Steps are filled in order: a step further than the next one to fill leads back to that one.
        return index == count + 1 && draft.CompletedSteps >= count ? page.Redirect($"{pages}/{id}/recapitulatif")
            : index < 1 || index > count ? page.NotFound()
            : index > nextToFill ? page.Redirect($"{pages}/{id}/etapes/{nextToFill}")
            : page.View("~/Features/Filing/Step.cshtml", steps.Page(draft, index, fromReview) with { Base = pages });
    }

    /// <param name="leave">Where "Enregistrer et finir plus tard" leads, and what it says there.</param>
    public async Task<IActionResult> SaveStepAsync(Controller page, Request draft, string pages, int index, bool fromReview, (string To, string Message) leave, CancellationToken ct)
    {
        var id = draft.Id;
        var count = draft.FormVersion.Parse().Steps.Count;
        if (index < 1 || index > Math.Min(draft.CompletedSteps + 1, count))
        {
            return page.NotFound();
        }

        page.ModelState.Clear();
        var form = await page.Request.ReadFormAsync(ct);
        var (outcome, answers) = await steps.SaveAsync(draft, index, form, page.ModelState, ct);
        var back = fromReview ? "?depuisRecapitulatif=true" : "";
        switch (outcome)
        {
            case StepOutcome.Invalid:
                page.Response.StatusCode = StatusCodes.Status400BadRequest;
                return page.View("~/Features/Filing/Step.cshtml", steps.Page(draft, index, fromReview, answers) with { Base = pages });
            case StepOutcome.Again:
                return page.Redirect($"{pages}/{id}/etapes/{index}{back}");
            case StepOutcome.Leave:
                page.TempData["Message"] = leave.Message;
                return page.Redirect(leave.To);
            default:
                return page.Redirect(fromReview || index == count ? $"{pages}/{id}/recapitulatif" : $"{pages}/{id}/etapes/{index + 1}");
        }
    }

    /// <summary>The review, or the first step still to fill.</summary>
    public IActionResult Review(Controller page, Request draft, string pages, string view) =>
        draft.CompletedSteps < draft.FormVersion.Parse().Steps.Count
            ? page.Redirect($"{pages}/{draft.Id}/etapes/{draft.CompletedSteps + 1}")
            : page.View(view, Page(draft, pages));

    public ReviewPage Page(Request draft, string pages) =>
        Forms.Review.Build(draft, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) with { Base = pages };
}
