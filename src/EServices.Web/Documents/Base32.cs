namespace EServices.Web.Documents;

/// <summary>
/// RFC 4648 base 32 without padding: upper-case letters and the digits 2–7, all in the alphanumeric mode of QR codes
/// (5.5 bits a character there, against 8 for base64url, which needs the byte mode).
/// </summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var text = new char[((bytes.Length * 8) + 4) / 5];
        int buffer = 0, bits = 0, at = 0;
        foreach (var b in bytes)
        {
            buffer = ((buffer << 8) | b) & 0xFFF; // at most 4 + 8 bits are pending
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text[at++] = Alphabet[(buffer >> bits) & 31];
            }
        }

        if (bits > 0)
        {
            text[at] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(text);
    }

    /// <summary>The bytes, or null when <paramref name="text"/> is not the canonical encoding of some bytes.</summary>
    public static byte[]? Decode(string text)
    {
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, at = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                return null;
            }

            buffer = ((buffer << 5) | value) & 0xFFF; // at most 7 + 5 bits are pending
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[at++] = (byte)(buffer >> bits);
            }
        }

        // Left-over bits must be zero padding of the last character and fewer than one character's worth.
        return bits >= 5 || (buffer & ((1 << bits) - 1)) != 0 ? null : bytes;
    }
}
