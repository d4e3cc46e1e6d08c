using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EServices.Web.Infrastructure;

/// <summary>How a page treats a posted form: its validator (called explicitly), then what the handler objects; a refused
/// form comes back with 400 and the French messages beside its fields.</summary>
public static class ValidationExtensions
{
    /// <summary>Copies FluentValidation errors into ModelState under the field names the views use.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, ValidationResult result, string prefix = "")
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(prefix + error.PropertyName, error.ErrorMessage);
        }
    }

    /// <summary>Validates the form; what binding said is replaced by the validator's errors (the binder's own messages are
    /// English), so that a page shows one set of messages.</summary>
    public static async Task<bool> CheckAsync<T>(this Controller controller, IValidator<T> validator, T form, CancellationToken ct) =>
        controller.Check(await validator.ValidateAsync(form, ct));

    /// <summary>The same for a result already computed (a command handler's).</summary>
    public static bool Check(this Controller controller, ValidationResult result)
    {
        controller.ModelState.Clear();
        controller.ModelState.AddErrors(result);
        return controller.ModelState.IsValid;
    }

    public static ViewResult Redisplay(this Controller controller, object model) =>
        controller.Redisplay(null, model);

    public static ViewResult Redisplay(this Controller controller, string? view, object model, int status = StatusCodes.Status400BadRequest)
    {
        controller.Response.StatusCode = status;
        return controller.View(view, model);
    }
}
