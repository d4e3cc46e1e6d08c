using EServices.Web.Forms;
using EServices.Web.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Admin;

/// <summary>The builder's "Aperçu": the draft's steps as the applicant will fill them; nothing is saved.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/demarches/{id:int}/formulaire/apercu/{step:int}")]
public sealed class FormPreviewController(Publishing publishing, IOptions<StorageOptions> storage, TimeProvider clock) : Controller
{
    /// <summary>A step of the form exactly as the applicant will see it; posting it shows the applicant's errors.</summary>
    [HttpGet("")]
    [HttpPost("")]
    public async Task<IActionResult> Preview(int id, int step, CancellationToken ct)
    {
        if (await publishing.FindAsync(id, ct) is not { } procedure)
        {
            return NotFound();
        }

        var definition = FormBuilderPages.Current(procedure);
        if (!FormBuilderPages.InRange(definition, step))
        {
            return NotFound();
        }

        var answers = FormAnswers.Empty();
        if (HttpMethods.IsPost(Request.Method))
        {
            var posted = await Request.ReadFormAsync(ct);
            foreach (var file in posted.Files.Where(f => f.Length > 0))
            {
                answers.Set(file.Name, file.FileName); // nothing is stored: the file only counts as given
            }

            ModelState.Clear();
            switch (await DraftSteps.ReadStepAsync(definition.Steps[step - 1], posted, answers, ModelState, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct))
            {
                case StepOutcome.Continue:
                    TempData["Message"] = "Aperçu : cette étape serait acceptée.";
                    return Redirect(step < definition.Steps.Count ? $"{FormBuilderPages.BuilderUrl(id)}/apercu/{step + 1}" : FormBuilderPages.BuilderUrl(id));
                case StepOutcome.Invalid:
                    Response.StatusCode = StatusCodes.Status400BadRequest;
                    break;
            }
        }

        return PreviewView(procedure, definition, step, answers);
    }

    private ViewResult PreviewView(Procedure procedure, FormDefinition definition, int step, FormAnswers answers) =>
        View("~/Features/Filing/Step.cshtml", new StepPage(
            Guid.Empty, procedure.Title, step, definition.Steps.Select(s => s.Title).ToList(), definition.Steps[step - 1], answers,
            new Dictionary<string, AttachedFile>(), FromReview: false, storage.Value.MaxFileBytes, PostTo: $"{FormBuilderPages.BuilderUrl(procedure.Id)}/apercu/{step}"));
}
