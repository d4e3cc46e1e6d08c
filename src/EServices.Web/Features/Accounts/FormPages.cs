using FluentValidation;

namespace EServices.Web.Features.Accounts;

/// <summary>How the account pages treat a posted form: the validator first, then the handler's objections; a refused form
/// comes back with 400.</summary>
internal static class FormPages
{
    /// <summary>Only the validator speaks: the binder's own messages are English.</summary>
    public static async Task<bool> IsValidAsync<T>(this Controller page, IValidator<T> validator, T command, CancellationToken ct)
    {
        page.ModelState.Clear();
        page.ModelState.AddErrors(await validator.ValidateAsync(command, ct));
        return page.ModelState.IsValid;
    }

    /// <summary>Adds the handler's objections, by field, to the page; true if there were any.</summary>
    public static bool Objected(this Controller page, IEnumerable<KeyValuePair<string, string>> errors)
    {
        foreach (var (field, message) in errors)
        {
            page.ModelState.AddModelError(field, message);
        }

        return !page.ModelState.IsValid;
    }

    public static ViewResult Redisplay(this Controller page, object form)
    {
        page.Response.StatusCode = StatusCodes.Status400BadRequest;
        return page.View(form);
    }
}
