using System.Globalization;
using System.Text;

namespace EServices.Web.Documents;

/// <summary>
/// The holder's name as the public check page shows it, "Awa OUÉDRAOGO" → "A** O********": enough to match the paper,
/// not enough to harvest names. A QR code carries it as initials and lengths, "A3.O9".
/// </summary>
public static class HolderMask
{
    public static string Of(string name) => Show(Code(name)) ?? "";

    /// <summary>"Awa OUÉDRAOGO" → "A3.O9"; "-" for a name without letters, since a path segment cannot be empty.</summary>
    public static string Code(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => Rune.GetRuneAt(w, 0).ToString().ToUpperInvariant() + w.Length.ToString(CultureInfo.InvariantCulture))
            .ToList();
        return words.Count == 0 ? "-" : string.Join('.', words);
    }

    /// <summary>"A3.O9" → "A** O********"; null when <paramref name="code"/> is not such a code.</summary>
    public static string? Show(string code)
    {
        if (code == "-")
        {
            return "";
        }

        var words = new List<string>();
        foreach (var word in code.Split('.'))
        {
            if (word.Length == 0 || Rune.DecodeFromUtf16(word, out var initial, out var used) != System.Buffers.OperationStatus.Done
                || !int.TryParse(word.AsSpan(used), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length < used || length > 100)
            {
                return null;
            }

            words.Add(initial + new string('*', length - used));
        }

        return string.Join(' ', words);
    }
}
