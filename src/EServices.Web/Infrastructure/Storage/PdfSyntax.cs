using System.Text;

namespace EServices.Web.Infrastructure.Storage;

/// <summary>The lexical rules of PDF the token scan needs: names with their #xx escapes decoded, strings skipped,
/// where a stream's data ends.</summary>
internal static class PdfSyntax
{
    /// <summary>Where a stream's data starts, how long it is, and the index after "endstream"; null when it never ends.
    /// The data ends where its declared /Length says when "endstream" follows there, else at the first "endstream".</summary>
    public static (int Start, int Length, int End)? StreamData(byte[] s, int i, string? declaredLength)
    {
        if (i < s.Length && s[i] == '\r')
        {
            i++;
        }

        if (i < s.Length && s[i] == '\n')
        {
            i++;
        }

        if (int.TryParse(declaredLength, out var n) && n >= 0 && n <= s.Length - i && EndsAt(s, i + n) is > 0 and var declared)
        {
            return (i, n, declared);
        }

        var found = s.AsSpan(i).IndexOf("endstream"u8);
        if (found < 0)
        {
            return null;
        }

        return (i, s.AsSpan(i, found).TrimEnd("\r\n"u8).Length, i + found + "endstream".Length);
    }

    /// <summary>The index after "endstream" when the stream's data ends at <paramref name="at"/>, else -1.</summary>
    private static int EndsAt(byte[] s, int at)
    {
        while (at < s.Length && IsWhite(s[at]))
        {
            at++;
        }

        return s.AsSpan(at).StartsWith("endstream"u8) ? at + "endstream".Length : -1;
    }

    public static (string Name, int Next) ReadName(byte[] s, int i)
    {
        var name = new List<byte>();
        while (i < s.Length && !IsWhite(s[i]) && !IsDelimiter(s[i]))
        {
            if (s[i] == '#' && i + 2 < s.Length && IsHex(s[i + 1]) && IsHex(s[i + 2]))
            {
                name.Add(Convert.FromHexString(Encoding.ASCII.GetString(s, i + 1, 2))[0]);
                i += 3;
            }
            else
            {
                name.Add(s[i++]);
            }
        }

        return (Encoding.Latin1.GetString(name.ToArray()), i);
    }

    /// <summary>Skips a literal string, its balanced parentheses and escapes; -1 when it never ends.</summary>
    public static int SkipLiteral(byte[] s, int i)
    {
        var depth = 0;
        for (; i < s.Length; i++)
        {
            switch (s[i])
            {
                case (byte)'\\':
                    i++;
                    break;
                case (byte)'(':
                    depth++;
                    break;
                case (byte)')' when --depth == 0:
                    return i + 1;
            }
        }

        return -1;
    }

    public static int SkipHex(byte[] s, int i)
    {
        for (i++; i < s.Length; i++)
        {
            if (s[i] == '>')
            {
                return i + 1;
            }

            if (!IsHex(s[i]) && !IsWhite(s[i]))
            {
                return -1;
            }
        }

        return -1;
    }

    public static bool IsWhite(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

    public static bool IsDelimiter(byte c) => c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

    public static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);
}
