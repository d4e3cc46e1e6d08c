using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace EServices.Web.Infrastructure;

public static class ValidationExtensions
{
    /// <summary>Copies FluentValidation errors into ModelState under the field names the views use.</summary>
    public static void AddErrors(this ModelStateDictionary modelState, ValidationResult result, string prefix = "")
    {
        foreach (var error in result.Errors)
        {
            modelState.AddModelError(prefix + error.PropertyName, error.ErrorMessage);
        }
    }
}
