using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace EServices.Web.Forms;

/// <summary>Reads what was posted for one step into the answers. Files are handled by the caller.</summary>
public static class StepInput
{
    /// <summary>How many rows a repeatable block may ever post, whatever its definition says.</summary>
    public const int RowCeiling = 50;

    public static void Apply(FormStep step, IReadOnlyDictionary<string, StringValues> posted, FormAnswers answers)
    {
        foreach (var field in step.Fields)
        {
            switch (field.Kind.Shape)
            {
                case AnswerShape.None:
                case AnswerShape.File:
                    break;
                case AnswerShape.Many:
                    answers.SetMany(field.Key, Values(posted, field.Key).Where(v => v.Length > 0).Distinct().Take(100));
                    break;
                case AnswerShape.Rows:
                    answers.SetRows(field.Key, ReadRows(field, posted));
                    break;
                default:
                    answers.Set(field.Key, FieldRules.Normalize(field.Type, Values(posted, field.Key).FirstOrDefault() ?? ""));
                    break;
            }
        }
    }

    /// <summary>Drops the answers of fields whose "show only when" condition no longer holds.</summary>
    public static void ClearHidden(FormStep step, FormAnswers answers)
    {
        foreach (var field in step.Fields.Where(f => !answers.IsVisible(f)))
        {
            answers.Remove(field.Key);
        }
    }

    public static void AddRow(FormField block, FormAnswers answers)
    {
        var rows = answers.GetRows(block.Key).ToList();
        var max = int.TryParse(block.Max, CultureInfo.InvariantCulture, out var m) ? Math.Min(m, RowCeiling) : RowCeiling;
        if (rows.Count < max)
        {
            rows.Add(EmptyRow(block));
        }

        answers.SetRows(block.Key, rows);
    }

    public static void RemoveRow(FormField block, int index, FormAnswers answers)
    {
        var rows = answers.GetRows(block.Key).ToList();
        if (index >= 0 && index < rows.Count)
        {
            rows.RemoveAt(index);
        }

        answers.SetRows(block.Key, rows);
    }

    /// <summary>The rows to draw: those answered, or as many empty ones as the block needs at least (one by default).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string?>> RowsToShow(FormField block, FormAnswers answers)
    {
        var rows = answers.GetRows(block.Key).ToList();
        var least = Math.Max(1, int.TryParse(block.Min, CultureInfo.InvariantCulture, out var m) ? Math.Min(m, RowCeiling) : 1);
        while (rows.Count < least)
        {
            rows.Add(EmptyRow(block));
        }

        return rows;
    }

    private static Dictionary<string, string?> EmptyRow(FormField block) =>
        (block.Fields ?? []).ToDictionary(c => c.Key, _ => (string?)null);

    private static List<IReadOnlyDictionary<string, string?>> ReadRows(FormField block, IReadOnlyDictionary<string, StringValues> posted)
    {
        var rows = new List<IReadOnlyDictionary<string, string?>>();
        for (var i = 0; i < RowCeiling; i++)
        {
            var children = block.Fields ?? [];
            if (!children.Any(c => posted.ContainsKey(FormAnswersValidator.RowKey(block.Key, i, c.Key))))
            {
                break;
            }

            rows.Add(children.ToDictionary(
                c => c.Key,
                c => (string?)FieldRules.Normalize(c.Type, Values(posted, FormAnswersValidator.RowKey(block.Key, i, c.Key)).FirstOrDefault() ?? "")));
        }

        return rows;
    }

    private static IEnumerable<string> Values(IReadOnlyDictionary<string, StringValues> posted, string key) =>
        posted.TryGetValue(key, out var values) ? values.Select(v => v ?? "") : [];
}
