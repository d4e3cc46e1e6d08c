using EServices.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EServices.Web.Features.Errors;

public sealed record ErrorPage(int Status, string CorrelationId);

[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    /// <summary>The page of an unhandled exception (no status) or of an error status re-executed by the status code pages.
    /// It says what happened in French and gives the request's correlation id, never the exception.</summary>
    [Route("/erreur/{status:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error(int? status)
    {
        var code = status ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        return View("Error", new ErrorPage(code, CorrelationId.For(HttpContext)));
    }
}
