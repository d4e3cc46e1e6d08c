using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;

namespace EServices.Web.Infrastructure;

/// <summary>
/// Refuses with 400 (the French "Demande incorrecte" page) a request whose address, query or form fields hold a NUL
/// character: nobody types one, and PostgreSQL refuses it in text, which would otherwise surface as a 500.
/// </summary>
public sealed class RejectNulCharacters : IAsyncResourceFilter, IOrderedFilter
{
    /// <summary>After the request size and form limit filters (900), so that the form is read under their limits.</summary>
    public int Order => 1000;

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            await next(); // the error page of a request already refused
            return;
        }

        var values = context.RouteData.Values.Values.Select(v => v?.ToString())
            .Concat(request.Query.SelectMany(q => q.Value.Append(q.Key)));
        if (request.HasFormContentType)
        {
            if (await request.ReadFormOrNullAsync() is not { } form)
            {
                context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
                return;
            }

            values = values.Concat(form.SelectMany(f => f.Value.Append(f.Key))).Concat(form.Files.Select(f => f.FileName));
        }

        if (values.Any(v => v is not null && v.Contains('\0', StringComparison.Ordinal)))
        {
            context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
            return;
        }

        await next();
    }
}
