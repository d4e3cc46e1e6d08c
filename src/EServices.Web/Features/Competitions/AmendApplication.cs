using EServices.Web.Competitions;
using EServices.Web.Forms;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EServices.Web.Features.Competitions;

/// <summary>
/// « Modifier ma candidature »: after filing and until closing, the candidate changes the answers of the identity or
/// diploma step. The same rules as before filing (the form's checks, the conditions, one application per CNIB); the
/// answers change only when all hold, recorded as an event of the request.
/// </summary>
public static class AmendApplication
{
    /// <summary>Whether the change is saved, the answers to show again, or why nothing may change any more.</summary>
    public sealed record Result(bool Saved, FormAnswers Answers, string? Refusal = null);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Application application, int index, IFormCollection form, ModelStateDictionary errors, CancellationToken ct)
        {
            var now = clock.GetUtcNow();
            var answers = application.Request.ReadAnswers();
            if (Candidacies.WindowRefusal(application.Competition, now) is { } refusal)
            {
                return new Result(false, answers, refusal);
            }

            var step = application.Step(index);
            var outcome = await DraftSteps.ReadStepAsync(step, form, answers, errors, DateOnly.FromDateTime(now.UtcDateTime), ct);
            if (outcome == StepOutcome.Continue)
            {
                SaveApplicationStep.Handler.Check(application, step, answers, errors, now);
            }

            if (outcome != StepOutcome.Continue || !errors.IsValid)
            {
                return new Result(false, answers);
            }

            application.Request.Amend(answers, application.Request.ApplicantId, now, $"Candidature modifiée : « {step.Title} »");
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (Candidacies.Conflict(e) is { } conflict)
            {
                errors.AddModelError("numero_cnib", conflict);
                db.ChangeTracker.Clear();
                return new Result(false, answers);
            }

            return new Result(true, answers);
        }
    }
}
