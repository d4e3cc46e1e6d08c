using System.Text;

namespace EServices.Web.Domain.Competitions;

/// <summary>
/// A candidate's name as a key: capitals A–Z and digits, accents and ligatures spelled out (é → E, œ → OE), apostrophes
/// dropped (N'Diaye → NDIAYE), any other run of punctuation or spaces one space (KABORÉ-Zoungrana → KABORE ZOUNGRANA).
/// The seats are ordered by it and the results are searched by it, so the same table serves the C# function (a search
/// typed by a visitor) and its SQL twin (the numbering of 300 000 candidates in one statement); a test holds them equal.
/// </summary>
public static class NameKeys
{
    // The letters of French and of the national languages' alphabets (ɛ, ɔ, ɲ, ŋ) that a key spells without their mark.
    private const string Accented = "ÀÁÂÃÄÅàáâãäåÇçÈÉÊËèéêëÌÍÎÏìíîïÑñÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝŸýÿƐɛƆɔƝɲŊŋ";
    private const string Plain = "AAAAAAaaaaaaCcEEEEeeeeIIIIiiiiNnOOOOOOooooooUUUUuuuuYYyyEeOoNnNn";
    private const string Apostrophes = "'’ʼ`´";

    private static readonly (string Ligature, string Letters)[] Ligatures = [("Œ", "OE"), ("œ", "oe"), ("Æ", "AE"), ("æ", "ae"), ("ß", "ss")];

    public static string Of(string name)
    {
        var text = name.Normalize(NormalizationForm.FormC);
        foreach (var (ligature, letters) in Ligatures)
        {
            text = text.Replace(ligature, letters, StringComparison.Ordinal);
        }

        var key = new StringBuilder(text.Length);
        var gap = false;
        foreach (var c in text)
        {
            if (Apostrophes.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            var plain = Accented.IndexOf(c, StringComparison.Ordinal) is var i and >= 0 ? Plain[i] : c;
            if (!char.IsAsciiLetterOrDigit(plain))
            {
                gap = true;
                continue;
            }

            if (gap && key.Length > 0)
            {
                key.Append(' ');
            }

            gap = false;
            key.Append(char.ToUpperInvariant(plain));
        }

        return key.ToString();
    }

    /// <summary><see cref="Of"/> as a PostgreSQL expression over the text expression <paramref name="name"/>. Capitals are made
    /// last, on ASCII only, so that no database locale changes the key.</summary>
    public static string Sql(string name)
    {
        var text = $"normalize({name}, NFC)";
        foreach (var (ligature, letters) in Ligatures)
        {
            text = $"replace({text}, '{ligature}', '{letters}')";
        }

        // translate() deletes the characters of its second argument that have no counterpart in the third: the apostrophes.
        return $"upper(btrim(regexp_replace(translate({text}, '{Accented}{Apostrophes.Replace("'", "''", StringComparison.Ordinal)}', '{Plain}'), '[^A-Za-z0-9]+', ' ', 'g')))";
    }
}
