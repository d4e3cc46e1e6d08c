using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EServices.Web.Infrastructure;

/// <summary>An action parameter named in its route template ({id}, {number}, {serviceId}…) is read from the address only.
/// MVC reads form fields before route values, so a forged field "id" or "number" would otherwise point the action at
/// another record than the one in the URL — turning "/admin/services/nouveau" into an edit of service 3, say.
/// Form models are left alone: their properties (a field's "Key") are the form's own.</summary>
public sealed partial class RouteParametersFromAddress : IApplicationModelConvention
{
    public void Apply(ApplicationModel application)
    {
        ArgumentNullException.ThrowIfNull(application);
        foreach (var controller in application.Controllers)
        {
            var controllerNames = Names(controller.Selectors);
            foreach (var action in controller.Actions)
            {
                var names = controllerNames.Concat(Names(action.Selectors)).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in action.Parameters.Where(p => p.BindingInfo?.BindingSource is null && names.Contains(p.ParameterName) && IsSimple(p.ParameterType)))
                {
                    parameter.BindingInfo ??= new BindingInfo();
                    parameter.BindingInfo.BindingSource = BindingSource.Path;
                }

                var texts = action.Parameters.Where(p => p.ParameterType == typeof(string) && names.Contains(p.ParameterName)).Select(p => p.ParameterName).ToList();
                if (texts.Count > 0)
                {
                    action.Filters.Add(new BlankSegmentIsNotFound(texts));
                }
            }
        }
    }

    private static IEnumerable<string> Names(IEnumerable<SelectorModel> selectors) =>
        selectors.Select(s => s.AttributeRouteModel?.Template ?? "")
            .SelectMany(t => RouteParameter().Matches(t).Select(m => m.Groups["name"].Value));

    private static bool IsSimple(Type type) => (Nullable.GetUnderlyingType(type) ?? type) is { IsValueType: true } || type == typeof(string);

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex RouteParameter();
}

/// <summary>A segment of spaces ("/mes-demandes/%20") binds to null, and "Number == null" finds a draft, which has no number
/// yet: no record is addressed by white space, so the answer is 404 before any binding.</summary>
public sealed class BlankSegmentIsNotFound(IReadOnlyList<string> parameters) : Microsoft.AspNetCore.Mvc.Filters.IResourceFilter
{
    public void OnResourceExecuting(Microsoft.AspNetCore.Mvc.Filters.ResourceExecutingContext context)
    {
        if (parameters.Any(p => context.RouteData.Values.TryGetValue(p, out var value) && string.IsNullOrWhiteSpace(value as string)))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.NotFoundResult();
        }
    }

    public void OnResourceExecuted(Microsoft.AspNetCore.Mvc.Filters.ResourceExecutedContext context)
    {
    }
}
