namespace EServices.Web.Domain.Requests;

/// <summary>The last tracking number given for a prefix in a year; incremented atomically in SQL.</summary>
public sealed class TrackingCounter
{
    public required string Prefix { get; set; }
    public int Year { get; set; }
    public int Last { get; set; }
}
