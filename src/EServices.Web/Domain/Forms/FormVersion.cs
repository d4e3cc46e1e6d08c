namespace EServices.Web.Domain.Forms;

/// <summary>One version of a procedure's form. A draft (not yet published) is edited in the form builder;
/// once published it never changes, and requests keep the version they were filed with.</summary>
public sealed class FormVersion
{
    private FormVersion(int procedureId, int number, string definition, DateTimeOffset? publishedAt) =>
        (ProcedureId, Number, Definition, PublishedAt) = (procedureId, number, definition, publishedAt);

    public int Id { get; private set; }
    public int ProcedureId { get; private set; }
    public int Number { get; private set; }

    /// <summary>The definition as jsonb: see <see cref="FormDefinition"/>.</summary>
    public string Definition { get; private set; }

    /// <summary>When "Publier" made this version live; null while it is the procedure's draft.</summary>
    public DateTimeOffset? PublishedAt { get; private set; }

    public bool IsDraft => PublishedAt is null;

    /// <summary>The form, parsed: a published version once per process (it never changes, and every page of every request
    /// made with it reads it), a draft at each call. Keyed by the text, so that two databases (the tests') never mix.</summary>
    public FormDefinition Parse()
    {
        if (IsDraft)
        {
            return FormDefinition.FromJson(Definition);
        }

        if (ParsedVersions.TryGetValue(Definition, out var parsed))
        {
            return parsed;
        }

        // Counted on a miss only: ConcurrentDictionary.Count takes every lock of the dictionary.
        if (ParsedVersions.Count > 500)
        {
            ParsedVersions.Clear(); // a bound, never reached by one portal's catalogue
        }

        return ParsedVersions.GetOrAdd(Definition, FormDefinition.FromJson);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, FormDefinition> ParsedVersions = new(StringComparer.Ordinal);

    public static FormVersion Create(int procedureId, int number, FormDefinition definition, DateTimeOffset? publishedAt) =>
        new(procedureId, number, definition.ToJson(), publishedAt);

    /// <summary>Replaces the draft's definition: requests filed with a published version must read it as it was.</summary>
    public void Revise(FormDefinition definition)
    {
        EnsureDraft();
        Definition = definition.ToJson();
    }

    internal void MarkPublished(DateTimeOffset at)
    {
        EnsureDraft();
        PublishedAt = at;
    }

    private void EnsureDraft()
    {
        if (!IsDraft)
        {
            throw new InvalidOperationException($"Version {Number} is published: it never changes.");
        }
    }
}
