using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace EServices.Web.Infrastructure;

/// <summary>Views live beside their controller in its feature folder: Features/{Feature}/{View}.cshtml,
/// the feature being the last part of the controller's namespace.</summary>
public sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string Key = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action)
        {
            context.Values[Key] = action.ControllerTypeInfo.Namespace?.Split('.').Last();
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var feature = context.Values.TryGetValue(Key, out var value) ? value : null;
        return feature is null
            ? ["/Features/Shared/{0}.cshtml"]
            : [$"/Features/{feature}/{{0}}.cshtml", "/Features/Shared/{0}.cshtml"];
    }
}
