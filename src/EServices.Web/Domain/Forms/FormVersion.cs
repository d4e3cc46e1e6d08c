using System.Text.Json;

namespace EServices.Web.Domain.Forms;

/// <summary>One version of a procedure's form. A draft (not yet published) is edited in the form builder;
/// once published it never changes, and requests keep the version they were filed with.</summary>
public sealed class FormVersion
{
    public int Id { get; set; }
    public int ProcedureId { get; set; }
    public int Number { get; set; }

    /// <summary>The definition as jsonb: see <see cref="FormDefinition"/>.</summary>
    public required string Definition { get; set; }

    /// <summary>When "Publier" made this version live; null while it is the procedure's draft.</summary>
    public DateTimeOffset? PublishedAt { get; set; }

    public bool IsDraft => PublishedAt is null;

    public FormDefinition Parse() => FormDefinition.FromJson(Definition);

    public static FormVersion Create(int procedureId, int number, FormDefinition definition, DateTimeOffset? publishedAt) => new()
    {
        ProcedureId = procedureId,
        Number = number,
        Definition = JsonSerializer.Serialize(definition, FormDefinition.JsonOptions),
        PublishedAt = publishedAt,
    };
}
