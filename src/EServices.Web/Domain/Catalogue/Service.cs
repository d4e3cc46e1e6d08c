namespace EServices.Web.Domain.Catalogue;

/// <summary>An administrative unit that owns procedures and processes their requests (DGFP, AGRE, DGT…).</summary>
public sealed class Service
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>Prefix of the tracking numbers of requests this service receives (FP-2026-000123).</summary>
    public required string NumberPrefix { get; set; }

    public string SignatoryName { get; set; } = "";
    public string SignatoryTitle { get; set; } = "";
}
