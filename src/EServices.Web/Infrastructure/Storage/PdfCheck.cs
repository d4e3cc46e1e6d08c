using System.IO.Compression;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace EServices.Web.Infrastructure.Storage;

/// <summary>Decides whether a PDF is safe for agents to open, on the document as a reader decodes it, not on its raw
/// bytes: names with their #xx escapes decoded (/J#61vaScript is /JavaScript), the objects packed in compressed object
/// streams inflated, every revision appended after a %%EOF read, then the whole file parsed by PDFsharp.</summary>
/// <remarks>Two readings on purpose. The token scan sees every object in the file, even one that only a lenient viewer
/// rebuilding a broken cross-reference table would find; it also bounds what PDFsharp is then given (nesting depth,
/// inflated bytes), since a parser that recurses or inflates without limit is itself an attack surface. PDFsharp then
/// proves that the file is one a reader can open, and checks what needs the object graph (the opening action).</remarks>
public static class PdfCheck
{
    public const string Unreadable = "le PDF est illisible ou endommagé";

    public const string Active = "le PDF contient du contenu actif (JavaScript, fichier joint ou lancement de programme)";

    /// <summary>Deeper nesting than any real document uses; deeper input could overflow a recursive parser's stack.</summary>
    private const int MaxDepth = 64;

    /// <summary>What object and cross-reference streams may inflate to in all: a scan's few KB, a long report's few MB.</summary>
    private const long MaxInflatedBytes = 32 * 1024 * 1024;

    /// <summary>Names a receipt, a pay slip or a scanned identity card never needs, wherever they appear: scripts,
    /// programs, files carried inside, rich media, XFA forms, and the actions that send data out or open another file
    /// (a UNC path there leaks the agent's Windows credentials). Plain /URI links stay allowed: they act only when
    /// clicked, the viewer shows where they go, and official PDFs often carry one.</summary>
    private static readonly HashSet<string> ForbiddenNames =
    [
        "JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "FileAttachment", "RichMedia", "RichMediaExecute",
        "Rendition", "Movie", "Sound", "XFA", "SubmitForm", "ImportData", "GoToR", "GoToE",
    ];

    /// <summary>Keys that make the viewer act by itself (on opening a page, a field, an annotation): no scan has them.</summary>
    private static readonly HashSet<string> ForbiddenKeys = ["AA"];

    public static string? Problem(ReadOnlySpan<byte> pdf)
    {
        var bytes = pdf.ToArray();
        var scan = new TokenScan();
        if (!scan.Read(bytes, packed: false))
        {
            return Unreadable;
        }

        if (scan.Active)
        {
            return Active;
        }

        try
        {
            using var document = PdfReader.Open(new MemoryStream(bytes, writable: false), PdfDocumentOpenMode.Import);
            return document.PageCount == 0 ? Unreadable : document.Internals.GetAllObjects().Any(IsActive) ? Active : null;
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            return Unreadable; // whatever PDFsharp cannot open, a reader may open differently: refused
        }
    }

    private static bool IsActive(PdfObject item)
    {
        if (item is not PdfDictionary dictionary)
        {
            return false;
        }

        foreach (var (key, value) in dictionary.Elements)
        {
            var name = key.TrimStart('/');
            if (ForbiddenNames.Contains(name) || ForbiddenKeys.Contains(name) || (value is PdfName n && ForbiddenNames.Contains(n.Value.TrimStart('/'))))
            {
                return true;
            }
        }

        // Opening at a page is ordinary; any other action on opening (a link followed without a click, say) is not.
        return dictionary.Elements.GetObject("/OpenAction") is PdfDictionary open && open.Elements.GetName("/S") != "/GoTo";
    }

    /// <summary>Reads a PDF as a stream of tokens, iteratively (no recursion whatever the input), keeping track of which
    /// names are dictionary keys, and inflating the streams that can hold objects.</summary>
    private sealed class TokenScan
    {
        private long _inflated;

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
                    case (byte)'(':
                        i = SkipLiteral(s, i);
                        if (i < 0)
                        {
                            return false;
                        }

                        Value(frames, entries, "()");
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
                    case (byte)'<':
                        i = SkipHex(s, i);
                        if (i < 0)
                        {
                            return false;
                        }

                        Value(frames, entries, "<>");
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
                        if (ForbiddenNames.Contains(name) || (isKey && ForbiddenKeys.Contains(name)))
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
            if (i < s.Length && s[i] == '\r')
            {
                i++;
            }

            if (i < s.Length && s[i] == '\n')
            {
                i++;
            }

            // The data ends where its declared /Length says when "endstream" follows there, else at the first "endstream".
            ReadOnlySpan<byte> data;
            int end;
            if (dictionary.TryGetValue("Length", out var length) && int.TryParse(length, out var n) && n >= 0 && n <= s.Length - i
                && EndsAt(s, i + n) is > 0 and var declared)
            {
                data = s.AsSpan(i, n);
                end = declared;
            }
            else
            {
                var found = s.AsSpan(i).IndexOf("endstream"u8);
                if (found < 0)
                {
                    return -1;
                }

                data = s.AsSpan(i, found).TrimEnd("\r\n"u8);
                end = i + found + "endstream".Length;
            }

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

            var inflated = filter.Length == 0 ? data.ToArray() : Inflate(data);
            return inflated is null || (holdsObjects && !Read(inflated, packed: true)) ? -1 : end;
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

        private byte[]? Inflate(ReadOnlySpan<byte> data)
        {
            try
            {
                using var input = new ZLibStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress);
                using var output = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    _inflated += read;
                    if (_inflated > MaxInflatedBytes)
                    {
                        return null; // a decompression bomb, or a document far beyond a scan
                    }

                    output.Write(buffer, 0, read);
                }

                return output.ToArray();
            }
            catch (InvalidDataException)
            {
                return null;
            }
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

        private static (string Name, int Next) ReadName(byte[] s, int i)
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
        private static int SkipLiteral(byte[] s, int i)
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

        private static int SkipHex(byte[] s, int i)
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

        private static bool IsWhite(byte c) => c is 0 or 9 or 10 or 12 or 13 or 32;

        private static bool IsDelimiter(byte c) => c is (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'/' or (byte)'%';

        private static bool IsHex(byte c) => char.IsAsciiHexDigit((char)c);
    }

    /// <summary>An open dictionary or array; in a dictionary, whether a key comes next, and the current key.</summary>
    private sealed class Frame(bool dictionary)
    {
        public bool Dictionary { get; } = dictionary;
        public bool ExpectKey { get; set; } = dictionary;
        public string? Key { get; set; }
    }
}
