using System.Text.Json;

namespace EServices.Web.Forms;

/// <summary>One immutable version of a procedure's form; requests keep the version they were filed with.</summary>
public sealed class FormVersion
{
    public int Id { get; set; }
    public int ProcedureId { get; set; }
    public int Number { get; set; }

    /// <summary>The definition as jsonb: see <see cref="FormDefinition"/>.</summary>
    public required string Definition { get; set; }

    public DateTimeOffset PublishedAt { get; set; }

    public FormDefinition Parse() => FormDefinition.FromJson(Definition);

    public static FormVersion Create(int procedureId, int number, FormDefinition definition, DateTimeOffset at) => new()
    {
        ProcedureId = procedureId,
        Number = number,
        Definition = JsonSerializer.Serialize(definition, FormDefinition.JsonOptions),
        PublishedAt = at,
    };
}
