using EServices.Web.Competitions;
using EServices.Web.Forms;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EServices.Web.Features.Competitions;

/// <summary>
/// The candidate saves a step of their application: the generic step save (answers, files, the form's checks), then the
/// competition's own checks once the step is valid: each condition not met is told next to its field (the answers stay
/// saved, the candidate stays on the step: an ineligible candidate learns it before paying), the documents it requires,
/// and on the identity step the CNIB held by the candidacy, in the same commit, so that the unique index refuses a CNIB
/// another account applied with, whichever node served it.
/// </summary>
public static class SaveApplicationStep
{
    /// <summary>The outcome and the application to draw again (reloaded after a refused commit), or why nothing was saved.</summary>
    public sealed record Result(StepOutcome Outcome, Application Application, FormAnswers Answers, string? Refusal = null);

    public sealed class Handler(AppDbContext db, DraftSteps steps, ApplicationQuery applications, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Application application, int index, IFormCollection form, ModelStateDictionary errors, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            if (Candidacies.WindowRefusal(application.Competition, now) is { } refusal)
            {
                return new Result(StepOutcome.Invalid, application, application.Request.ReadAnswers(), refusal);
            }

            var step = application.Step(index);
            try
            {
                var (outcome, answers) = await steps.SaveAsync(application.Request, index, step, form, errors, a => Check(application, step, a, errors, now), ct);
                return new Result(outcome, application, answers);
            }
            catch (DbUpdateException e) when (Candidacies.Conflict(e) is { } conflict)
            {
                // Nothing was saved: the draft as stored, with what the candidate typed on top.
                errors.AddModelError("numero_cnib", conflict);
                db.ChangeTracker.Clear();
                var stored = (await applications.FindAsync(application.Id, application.Request.ApplicantId, ct))!;
                var answers = stored.Request.ReadAnswers();
                StepInput.Apply(step, form.ToDictionary(p => p.Key, p => p.Value), answers);
                return new Result(StepOutcome.Invalid, stored, answers);
            }
        }

        /// <summary>The competition's conditions on this step's fields, each next to its field; the CNIB copied to the
        /// candidacy (saved by the caller's commit, where the unique index may refuse it).</summary>
        internal static void Check(Application application, FormStep step, FormAnswers answers, ModelStateDictionary errors, DateTimeOffset now)
        {
            var keys = step.Fields.Select(f => f.Key).ToHashSet();
            foreach (var reason in Candidacies.Check(application.Competition, answers).Where(r => keys.Contains(r.Field)))
            {
                errors.AddModelError(reason.Field, reason.Reason);
            }

            if (keys.Contains("numero_cnib"))
            {
                application.Candidacy.Cnib = answers.Get("numero_cnib");
                application.Candidacy.UpdatedAt = now;
            }
        }
    }
}
