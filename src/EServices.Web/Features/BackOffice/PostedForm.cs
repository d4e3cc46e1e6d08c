using Microsoft.AspNetCore.Mvc.Rendering;

namespace EServices.Web.Features.BackOffice;

/// <summary>The request page's forms after a refused post: each field's error, and what the agent typed in the form that
/// was refused, so that nothing is lost (other forms start afresh).</summary>
public sealed class PostedForm(ViewContext view)
{
    public string? Error(string key) =>
        view.ViewData.ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? e.Errors[0].ErrorMessage : null;

    public string? Posted(string key) =>
        view.HttpContext.Request.HasFormContentType && view.HttpContext.Request.Form.TryGetValue(key, out var v) ? v.ToString() : null;

    /// <summary>The aria-describedby of a field in error, else nothing.</summary>
    public string? Described(string key) => Error(key) is null ? null : key + "-erreur";

    /// <summary>The aria-invalid of a field in error, else nothing.</summary>
    public string? Invalid(string key) => Error(key) is null ? null : "true";
}
