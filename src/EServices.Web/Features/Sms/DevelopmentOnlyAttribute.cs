using Microsoft.AspNetCore.Mvc.Filters;

namespace EServices.Web.Features.Sms;

/// <summary>Outside Development the page does not exist: 404, before antiforgery or binding look at the request.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DevelopmentOnlyAttribute : Attribute, IAuthorizationFilter, IOrderedFilter
{
    public int Order => int.MinValue;

    public void OnAuthorization(AuthorizationFilterContext context)
    {
        if (!context.HttpContext.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment())
        {
            context.Result = new NotFoundResult();
        }
    }
}
