using EServices.Web.Competitions;
using EServices.Web.Forms;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EServices.Web.Features.Competitions;

/// <summary>
/// The candidate saves a step of their application: the generic step save (answers, files, the form's checks), then the
/// competition's own checks once the step is valid: each condition not met is told next to its field (the answers stay
/// saved, the candidate stays on the step: an ineligible candidate learns it before paying), the documents it requires,
/// and on the identity step a CNIB another application already holds in this competition. A read, not a hold: the draft
/// keeps its CNIB in its answers only, « Payer et déposer » takes it (Candidacies.HoldAsync).
/// </summary>
public static class SaveApplicationStep
{
    /// <summary>The outcome and the application to draw again, or why nothing was saved.</summary>
    public sealed record Result(StepOutcome Outcome, Application Application, FormAnswers Answers, string? Refusal = null);

    public sealed class Handler(Candidacies candidacies, DraftSteps steps, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Application application, int index, IFormCollection form, ModelStateDictionary errors, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (Candidacies.WindowRefusal(application.Competition, now) is { } refusal)
            {
                return new Result(StepOutcome.Invalid, application, application.Request.ReadAnswers(), refusal);
            }

            var step = application.Step(index);
            var typed = Candidacies.NormaliseCnib(form["numero_cnib"].ToString());
            var held = step.Fields.Any(f => f.Key == "numero_cnib") && typed.Length > 0 && await candidacies.CnibHeldAsync(application.Candidacy, typed, ct);
            var (outcome, answers) = await steps.SaveAsync(application.Request, index, step, form, errors, a => Check(application, step, a, errors, now, held), ct);
            return new Result(outcome, application, answers);
        }

        /// <summary>The competition's conditions on this step's fields, each next to its field, and a CNIB held by another
        /// application. Once filed, the application holds its CNIB: a changed one is copied to the candidacy (saved by the
        /// caller's commit, where the unique index may refuse it).</summary>
        internal static void Check(Application application, FormStep step, FormAnswers answers, ModelStateDictionary errors, DateTimeOffset now, bool cnibHeld = false)
        {
            var keys = step.Fields.Select(f => f.Key).ToHashSet();
            foreach (var reason in Candidacies.Check(application.Competition, answers).Where(r => keys.Contains(r.Field)))
            {
                errors.AddModelError(reason.Field, reason.Reason);
            }

            if (!keys.Contains("numero_cnib"))
            {
                return;
            }

            if (cnibHeld)
            {
                errors.AddModelError("numero_cnib", Candidacies.CnibTaken);
            }
            else if (application.Request.Status != RequestStatus.Draft)
            {
                application.Candidacy.Cnib = answers.Get("numero_cnib");
                application.Candidacy.UpdatedAt = now;
            }
        }
    }
}
