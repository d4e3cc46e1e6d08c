using Microsoft.AspNetCore.Diagnostics;
using EServices.Web.Infrastructure.Api;
using Npgsql;

namespace EServices.Web.Features.Errors;

public sealed record ErrorPage(int Status, string CorrelationId);

[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    private const string RetryAfterSeconds = "30";

    /// <summary>The page of an unhandled exception (no status) or of an error status re-executed by the status code pages.
    /// It says what happened in French and gives the request's correlation id, never the exception.</summary>
    [Route("/erreur/{status:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Error()
    {
        // No model binding: re-executing a POST whose body is broken (a bad multipart, say) must not read it again.
        // The status comes from the middleware that re-executed the request, never from the address: typed by hand,
        // /erreur/0 or /erreur/204 sent an invalid status line, and /erreur/500 wrote an error in the log on demand.
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>();
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var code = exception is not null ? StatusCodes.Status500InternalServerError
            : reExecuted is not null ? reExecuted.OriginalStatusCode
            : StatusCodes.Status404NotFound; // a direct visit: the error pages are not pages of their own
        if (exception?.Error is BadHttpRequestException { StatusCode: >= 400 and < 500 } bad)
        {
            // The request itself was wrong (a body over the size limit, one cut short): its 4xx, not a 500.
            code = bad.StatusCode;
        }
        else if (exception?.Error is DbUpdateConcurrencyException)
        {
            // Two posts of the same request crossed (a double click with JavaScript off, a second tab): the first one
            // saved, this one is refused by the row's version. Not a fault of the portal: say so, and what to do.
            code = StatusCodes.Status409Conflict;
        }
        else if (exception is not null && DatabaseFaults.IsUnavailable(exception.Error))
        {
            // PostgreSQL is down or restarting: say so, and when to come back. Nothing to fix on our side of the request.
            code = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = RetryAfterSeconds;
            // The exception handler writes nothing for an outage (Program): the request's one line carries the cause.
            HttpContext.RequestServices.GetService<Serilog.IDiagnosticContext>()?.Set("Cause", exception.Error.GetBaseException().Message);
            // Pooled connections opened before a restart are dead: drop them so the next requests open new ones.
            if (HttpContext.RequestServices.GetRequiredService<AppDbContext>().Database.GetDbConnection() is NpgsqlConnection connection)
            {
                NpgsqlConnection.ClearPool(connection);
            }
        }

        Response.StatusCode = code;
        // The API's callers are programs: the same status, as problem details in French (RFC 9457).
        return ApiProblems.IsApi(exception?.Path ?? reExecuted?.OriginalPath ?? "")
            ? ApiProblems.Result(HttpContext, code, ApiDetail(code))
            : View("Error", new ErrorPage(code, CorrelationId.For(HttpContext)));
    }

    private static string ApiDetail(int status) => status switch
    {
        401 => "Envoyez un jeton d'accès valide (Authorization: Bearer …), obtenu sur " + ApiPolicies.TokenPath + ".",
        403 => "Ce client n'a pas la portée (scope) que demande cette opération.",
        404 => "Aucune ressource à cette adresse pour ce client.",
        405 => "Cette adresse n'accepte pas cette méthode : voir la référence de l'API.",
        409 => "La ressource a été modifiée entre-temps : relisez-la avant de réessayer.",
        413 => "Le corps de la requête dépasse la taille permise.",
        429 => "Trop d'appels : réessayez après le délai indiqué par l'en-tête Retry-After.",
        503 => "Le service est momentanément indisponible : réessayez après le délai indiqué par l'en-tête Retry-After.",
        _ when status >= 500 => "Une erreur inattendue s'est produite ; elle est journalisée sous l'identifiant de corrélation.",
        _ => "La requête n'a pas pu être traitée.",
    };
}
