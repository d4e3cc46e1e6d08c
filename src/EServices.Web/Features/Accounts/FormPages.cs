namespace EServices.Web.Features.Accounts;

/// <summary>The account handlers' objections (the address already taken, a password Identity refuses), by field.</summary>
internal static class FormPages
{
    /// <summary>Adds the handler's objections, by field, to the page; true if there were any.</summary>
    public static bool Objected(this Controller page, IEnumerable<KeyValuePair<string, string>> errors)
    {
        foreach (var (field, message) in errors)
        {
            page.ModelState.AddModelError(field, message);
        }

        return !page.ModelState.IsValid;
    }
}
