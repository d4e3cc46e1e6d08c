namespace EServices.Web.Infrastructure;

public static class FieldIds
{
    /// <summary>The HTML id of the input posted under <paramref name="name"/>: "actes[0].date" → "actes-0-date".</summary>
    public static string For(string name) =>
        name.Replace("].", "-", StringComparison.Ordinal).Replace('[', '-').Replace('.', '-').Replace("]", "", StringComparison.Ordinal);
}
