using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace EServices.Web.Features.Errors;

public sealed record ErrorPage(int Status, string CorrelationId);

[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    [Route("/erreur/{status:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error()
    {
        // No model binding: re-executing a POST whose body is broken (a bad multipart, say) must not read it again.
        var code = int.TryParse(RouteData.Values["status"]?.ToString(), out var status) ? status : StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        return View("Error", new ErrorPage(code, Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier));
    }
}
