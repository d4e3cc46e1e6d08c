using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EServices.Web.Infrastructure.Api;

/// <summary>The API's errors as RFC 9457 problem details, in French, each with the request's correlation id.</summary>
public static class ApiProblems
{
    public static readonly int[] Statuses = [400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 429, 500, 503];

    /// <summary>A string, not a PathString: the original path of a failed request may hold what PathString refuses to decode (%00).</summary>
    public static bool IsApi(string? path) =>
        path is not null && path.StartsWith("/api", StringComparison.OrdinalIgnoreCase) && (path.Length == 4 || path[4] == '/');

    public static string Title(int status) => status switch
    {
        400 => "Requête invalide",
        401 => "Authentification requise",
        403 => "Accès refusé",
        404 => "Ressource introuvable",
        405 => "Méthode non permise",
        406 => "Format de réponse non disponible",
        409 => "Conflit",
        413 => "Requête trop volumineuse",
        415 => "Type de contenu non pris en charge",
        422 => "Requête impossible à traiter",
        429 => "Trop d'appels",
        503 => "Service indisponible",
        _ => "Erreur du serveur",
    };

    public static string Type(int status) => status switch
    {
        400 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        401 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.2",
        403 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.4",
        404 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5",
        405 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.6",
        406 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.7",
        409 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.10",
        413 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14",
        415 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.16",
        422 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        429 => "https://www.rfc-editor.org/rfc/rfc6585#section-4",
        503 => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.4",
        _ => "https://www.rfc-editor.org/rfc/rfc9110#section-15.6.1",
    };

    /// <summary>What every problem gets, however it was made: a French title and the correlation id of the request's log line.</summary>
    public static void Complete(ProblemDetails problem, HttpContext http)
    {
        var status = problem.Status ?? http.Response.StatusCode;
        problem.Status = status;
        problem.Title = Title(status); // the specifics go in Detail: a title names the status, in French
        problem.Type = Type(status);
        problem.Extensions.Remove("traceId");
        problem.Extensions["correlationId"] = CorrelationId.For(http);
    }

    public static ObjectResult Result(HttpContext http, int status, string detail) => Result(http, new ProblemDetails { Status = status, Detail = detail });

    /// <summary>400 with one or more messages per property of the request, as ValidationProblemDetails' « errors ».</summary>
    public static ObjectResult Invalid(HttpContext http, IDictionary<string, string[]> errors, string detail) =>
        Result(http, new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Detail = detail });

    private static ObjectResult Result(HttpContext http, ProblemDetails problem)
    {
        Complete(problem, http);
        return new ObjectResult(problem) { StatusCode = problem.Status, ContentTypes = { "application/problem+json" } };
    }

    /// <summary>What the JSON body could not give (a text where a number goes, a property twice, no body): one French
    /// message per property, under its own name, instead of the serializer's English.</summary>
    public static IActionResult Unreadable(ActionContext context)
    {
        var bodies = context.ActionDescriptor.Parameters.Where(p => p.BindingInfo?.BindingSource == BindingSource.Body).Select(p => p.Name).ToHashSet();
        var errors = context.ModelState.Where(e => e.Value?.ValidationState == ModelValidationState.Invalid)
            .GroupBy(e => Property(e.Key, bodies))
            .ToDictionary(g => g.Key, g => new[]
            {
                g.Key == Body ? "Envoyez un objet JSON valide (Content-Type: application/json)."
                : g.Any(e => e.Value!.Errors.Any(x => x.ErrorMessage.Contains("Duplicate", StringComparison.OrdinalIgnoreCase)))
                    ? $"« {g.Key} » est donné plusieurs fois : donnez chaque propriété une seule fois."
                : $"La valeur de « {g.Key} » est illisible : vérifiez son type (nombre, texte, date AAAA-MM-JJ, liste).",
            });
        return Invalid(context.HttpContext, errors, "La requête contient des valeurs illisibles : voir « errors ».");
    }

    private const string Body = "corps";

    /// <summary>"$.motif" → "motif"; the body itself (no key, "$", or the action's body parameter) → "corps".</summary>
    private static string Property(string key, HashSet<string> bodies)
    {
        var name = key.StartsWith("$.", StringComparison.Ordinal) ? key[2..] : key;
        return name.Length == 0 || !name.Any(char.IsLetter) || bodies.Contains(name) ? Body : name;
    }
}
