using Microsoft.AspNetCore.Mvc.Filters;

namespace EServices.Web.Features.Sms;

/// <summary>Outside Development the page does not exist: 404. Runs after the antiforgery check (order 1000), so that a
/// POST without its token is refused with 400 as everywhere else.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DevelopmentOnlyAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => 1001;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (!context.HttpContext.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment())
        {
            context.Result = new NotFoundResult();
        }
    }
}
