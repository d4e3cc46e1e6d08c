namespace EServices.Web.Domain.Catalogue;

/// <summary>Who a procedure is for. Stored as these codes; labels are what users read.</summary>
public static class Audience
{
    public const string Citizens = "citoyens";
    public const string PublicServants = "agents-publics";
    public const string Employers = "employeurs";
    public const string Workers = "travailleurs";

    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        [Citizens] = "Citoyens",
        [PublicServants] = "Agents publics",
        [Employers] = "Employeurs",
        [Workers] = "Travailleurs",
    };

    public static string Label(string code) => Labels.TryGetValue(code, out var label) ? label : code;
}
