using System.Text;
using static EServices.Web.Infrastructure.Storage.PdfSyntax;

namespace EServices.Web.Infrastructure.Storage;

/// <summary>Reads a PDF as a stream of tokens, iteratively (no recursion whatever the input), keeping track of which
/// names are dictionary keys, and inflating the streams that can hold objects.</summary>
internal sealed class PdfTokenScan
{
    /// <summary>Deeper nesting than any real document uses; deeper input could overflow a recursive parser's stack.</summary>
    private const int MaxDepth = 64;

    private readonly PdfInflation _inflation = new();

    public bool Active { get; private set; }

    /// <summary>False when the bytes are not a PDF that can be taken apart within the limits.</summary>
    public bool Read(byte[] s, bool packed)
    {
        var frames = new Stack<Frame>();
        Dictionary<string, string> entries = [];    // simple entries of the outermost dictionary being read
        Dictionary<string, string> last = [];       // those of the last outermost dictionary: a stream's own
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (IsWhite(c))
            {
                i++;
                continue;
            }

            switch (c)
            {
                case (byte)'%':
                    while (i < s.Length && s[i] is not ((byte)'\r' or (byte)'\n'))
                    {
                        i++;
                    }

                    continue;
                case (byte)'<' when i + 1 < s.Length && s[i + 1] == '<':
                case (byte)'[':
                    var isDictionary = c == '<';
                    if (frames.Count == MaxDepth)
                    {
                        return false;
                    }

                    var parentKey = frames.TryPeek(out var parent) && parent.Dictionary && !parent.ExpectKey ? parent.Key : null;
                    Value(frames, entries, isDictionary ? "<<" : "[");
                    if (frames.Count == 0 && isDictionary)
                    {
                        entries = [];
                    }

                    frames.Push(new Frame(isDictionary) { Key = parentKey });
                    i += isDictionary ? 2 : 1;
                    continue;
                case (byte)'>' when i + 1 < s.Length && s[i + 1] == '>':
                case (byte)']':
                    if (!frames.TryPop(out var closed) || closed.Dictionary != (c == '>'))
                    {
                        return false;
                    }

                    if (frames.Count == 0 && closed.Dictionary)
                    {
                        last = entries;
                    }

                    i += closed.Dictionary ? 2 : 1;
                    continue;
                case (byte)'(' or (byte)'<': // a string, literal or hexadecimal ("<<" is taken above)
                    var literal = c == '(';
                    i = literal ? SkipLiteral(s, i) : SkipHex(s, i);
                    if (i < 0)
                    {
                        return false;
                    }

                    Value(frames, entries, literal ? "()" : "<>");
                    continue;
                case (byte)')' or (byte)'>':
                    return false;
                case (byte)'{' or (byte)'}':
                    i++;
                    continue;
                case (byte)'/':
                    var (name, next) = ReadName(s, i + 1);
                    i = next;
                    var isKey = frames.TryPeek(out var frame) && frame.Dictionary && frame.ExpectKey;
                    if (PdfCheck.ForbiddenNames.Contains(name) || (isKey && PdfCheck.ForbiddenKeys.Contains(name)))
                    {
                        Active = true;
                    }

                    if (isKey)
                    {
                        frame!.Key = name;
                        frame.ExpectKey = false;
                    }
                    else
                    {
                        Value(frames, entries, name);
                    }

                    continue;
            }

            var start = i;
            while (i < s.Length && !IsWhite(s[i]) && !IsDelimiter(s[i]))
            {
                i++;
            }

            var word = Encoding.ASCII.GetString(s, start, i - start);
            if (word != "stream")
            {
                if (frames.TryPeek(out var open) && open.Dictionary && open.ExpectKey)
                {
                    continue; // the "0 R" that ends a reference given as a value
                }

                Value(frames, entries, word);
                continue;
            }

            if (packed || frames.Count > 0)
            {
                return false; // no stream inside an object stream or inside a dictionary
            }

            i = ReadStream(s, i, last);
            if (i < 0)
            {
                return false;
            }
        }

        return frames.Count == 0;
    }

    /// <summary>Skips a stream's data; inflates it when it can hold objects (an object stream: /Type /ObjStm, or
    /// anything with the /First that a reader needs to find them) and reads those objects, and counts cross-reference
    /// streams against the same budget since PDFsharp inflates them. Returns the index after "endstream", or -1.</summary>
    private int ReadStream(byte[] s, int i, Dictionary<string, string> dictionary)
    {
        if (StreamData(s, i, dictionary.GetValueOrDefault("Length")) is not (var start, var length, var end))
        {
            return -1;
        }

        var data = s.AsSpan(start, length);
        dictionary.TryGetValue("Type", out var type);
        var holdsObjects = type == "ObjStm" || dictionary.ContainsKey("First");
        if (!holdsObjects && type != "XRef")
        {
            return end;
        }

        // Object streams are written with FlateDecode alone; anything else (another filter, a predictor) would hide
        // the objects from this reading but not from a viewer, so it is not read at all.
        var filter = dictionary.GetValueOrDefault("Filter", "").Trim();
        if ((filter.Length > 0 && filter != "FlateDecode") || (holdsObjects && dictionary.ContainsKey("DecodeParms")))
        {
            return -1;
        }

        var inflated = filter.Length == 0 ? data.ToArray() : _inflation.Inflate(data);
        return inflated is null || (holdsObjects && !Read(inflated, packed: true)) ? -1 : end;
    }

    /// <summary>A value read in the current frame: in a dictionary, it ends the entry (the outermost dictionary's
    /// entries are kept, and the names inside an array given as their value, as /Filter [/FlateDecode]).</summary>
    private static void Value(Stack<Frame> frames, Dictionary<string, string> entries, string value)
    {
        if (!frames.TryPeek(out var frame))
        {
            return;
        }

        if (frame.Dictionary)
        {
            if (frames.Count == 1 && frame.Key is { } key && !frame.ExpectKey)
            {
                entries[key] = value is "[" ? "" : value;
            }

            frame.ExpectKey = true;
        }
        else if (frames.Count == 2 && frame.Key is { } key && value is not ("[" or "<<" or "()" or "<>"))
        {
            entries[key] = (entries.GetValueOrDefault(key, "") + " " + value).Trim();
        }
    }

    /// <summary>An open dictionary or array; in a dictionary, whether a key comes next, and the current key.</summary>
    private sealed class Frame(bool dictionary)
    {
        public bool Dictionary { get; } = dictionary;
        public bool ExpectKey { get; set; } = dictionary;
        public string? Key { get; set; }
    }
}
