using EServices.Web.Infrastructure.Audit;
using FluentValidation;
using FluentValidation.Results;

namespace EServices.Web.Features.Admin;

/// <summary>The one save pattern of the admin pages: check the form (its validator, then the rules that need the
/// database), redisplay it with 400 when it fails, save with its audit entry, redirect with a message.</summary>
public static class AdminSave
{
    /// <summary>What binding said is replaced by the validator's errors, so that a page shows one set of messages.</summary>
    public static async Task<bool> CheckAsync<T>(this Controller controller, IValidator<T> validator, T form, CancellationToken ct) =>
        controller.Check(await validator.ValidateAsync(form, ct));

    /// <summary>The same for a command handler's result.</summary>
    public static bool Check(this Controller controller, ValidationResult result)
    {
        controller.ModelState.Clear();
        controller.ModelState.AddErrors(result);
        return controller.ModelState.IsValid;
    }

    public static ViewResult Redisplay(this Controller controller, string view, object model, int status = StatusCodes.Status400BadRequest)
    {
        controller.Response.StatusCode = status;
        return controller.View(view, model);
    }

    public static RedirectResult Saved(this Controller controller, string message, string url)
    {
        controller.TempData["Message"] = message;
        return controller.Redirect(url);
    }

    /// <summary>Saves a new thing with its entry naming the id the database gives, or a change with its entry.</summary>
    public static async Task SaveAsync(this AuditLog audit, AppDbContext db, bool created, string action, string targetType, Func<string> targetId, string label, CancellationToken ct)
    {
        if (created)
        {
            await audit.SaveNewAsync(action, targetType, targetId, label, ct);
        }
        else
        {
            audit.Record(action, targetType, targetId(), label);
            await db.SaveChangesAsync(ct);
        }
    }
}
