using System.Text.Json.Nodes;

namespace EServices.Web.Domain.Forms;

/// <summary>
/// An applicant's answers, stored as jsonb: a string per simple field, an array of strings for a
/// multiple choice, an array of rows (objects of strings) for a repeatable block, and the
/// attachment id for a file field.
/// </summary>
public sealed class FormAnswers
{
    private readonly JsonObject _root;

    private FormAnswers(JsonObject root) => _root = root;

    public static FormAnswers Empty() => new([]);

    public static FormAnswers Parse(string? json) =>
        new(string.IsNullOrWhiteSpace(json) ? [] : JsonNode.Parse(json) as JsonObject ?? []);

    public string ToJson() => _root.ToJsonString();

    public string? Get(string key) =>
        _root[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public IReadOnlyList<string> GetMany(string key) =>
        _root[key] is JsonArray a ? a.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : "").ToList() : [];

    public IReadOnlyList<IReadOnlyDictionary<string, string?>> GetRows(string key) =>
        _root[key] is JsonArray a
            ? a.OfType<JsonObject>()
                .Select(o => (IReadOnlyDictionary<string, string?>)o.ToDictionary(p => p.Key, p => p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null))
                .ToList()
            : [];

    public bool Has(string key) => _root.ContainsKey(key);

    public void Set(string key, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            _root.Remove(key);
            return;
        }

        _root[key] = value;
    }

    public void SetMany(string key, IEnumerable<string> values) =>
        _root[key] = new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray());

    public void SetRows(string key, IEnumerable<IReadOnlyDictionary<string, string?>> rows) =>
        _root[key] = new JsonArray(rows
            .Select(r => (JsonNode)new JsonObject(r.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)JsonValue.Create(p.Value)))))
            .ToArray());

    public void Remove(string key) => _root.Remove(key);

    /// <summary>Whether a field's "show only when" condition holds for these answers.</summary>
    public bool IsVisible(FormField field) =>
        field.ShowWhen is not { } c || Get(c.Field) == c.EqualTo || GetMany(c.Field).Contains(c.EqualTo);
}
