using System.IO.Compression;

namespace EServices.Web.Infrastructure.Storage;

/// <summary>Inflates the streams of one document against one budget, so that a decompression bomb spread over many
/// streams is stopped as surely as one in a single stream.</summary>
internal sealed class PdfInflation
{
    /// <summary>What object and cross-reference streams may inflate to in all: a scan's few KB, a long report's few MB.</summary>
    private const long MaxInflatedBytes = 32 * 1024 * 1024;

    private long _inflated;

    /// <summary>The inflated bytes, or null when they are not valid deflate data or go over the budget.</summary>
    public byte[]? Inflate(ReadOnlySpan<byte> data)
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
}
