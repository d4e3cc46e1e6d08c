namespace EServices.Web.Domain.Catalogue;

/// <summary>A label a service's staff put on requests (« Pièce illisible », « Urgent »): named and coloured by the head of
/// service, used to sort a caseload, never shown to the applicant.</summary>
public sealed class ServiceLabel
{
    public const int NameMaxLength = 40;

    public int Id { get; set; }
    public int ServiceId { get; set; }
    public required string Name { get; set; }
    public LabelColour Colour { get; set; }
}

/// <summary>The colours a label may take: a fixed palette whose chips keep a readable contrast with their text.</summary>
public enum LabelColour
{
    Grey,
    Blue,
    Green,
    Yellow,
    Orange,
    Red,
    Purple,
}

/// <summary>A label on a request, and who put it there when.</summary>
public sealed class RequestLabel
{
    public Guid RequestId { get; set; }
    public int LabelId { get; set; }
    public DateTimeOffset SetAt { get; set; }
    public required string SetById { get; set; }
}

public static class LabelColours
{
    public static string Label(this LabelColour colour) => colour switch
    {
        LabelColour.Grey => "Gris",
        LabelColour.Blue => "Bleu",
        LabelColour.Green => "Vert",
        LabelColour.Yellow => "Jaune",
        LabelColour.Orange => "Orange",
        LabelColour.Red => "Rouge",
        LabelColour.Purple => "Violet",
    };

    /// <summary>The CSS class of a chip of this colour (site.css).</summary>
    public static string CssClass(this LabelColour colour) => "label-" + colour.ToString().ToLowerInvariant();
}
