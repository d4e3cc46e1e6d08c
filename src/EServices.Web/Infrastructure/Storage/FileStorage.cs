using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for uploaded files; must be outside the web root.</summary>
    public string Path { get; set; } = "";

    public long MaxFileBytes { get; set; } = 5 * 1024 * 1024;
}

/// <summary>Attachments on local disk under random names; the interface a shared object store would implement.</summary>
public sealed class FileStorage(IOptions<StorageOptions> options)
{
    private readonly string _root = System.IO.Path.GetFullPath(options.Value.Path);

    public async Task<(string Key, string Sha256)> SaveAsync(byte[] content, CancellationToken ct)
    {
        var key = $"{DateTime.UtcNow:yyyy/MM}/{Guid.NewGuid():N}";
        var path = PathOf(key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content, ct);
        return (key, Convert.ToHexStringLower(SHA256.HashData(content)));
    }

    public Stream Open(string key) => File.OpenRead(PathOf(key));

    /// <summary>Removes a stored file; one already gone is not an error (a retried erasure).</summary>
    public void Delete(string key) => File.Delete(PathOf(key));

    /// <summary>Deletes a file whose row is already gone; if the disk refuses, the retention pass retries later.</summary>
    public void TryDelete(string key)
    {
        try
        {
            Delete(key);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The stored files last written before <paramref name="before"/> (real time, as the file system keeps it).</summary>
    public IEnumerable<string> KeysWrittenBefore(DateTime before) =>
        Directory.Exists(_root)
            ? Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
                .Where(f => File.GetLastWriteTimeUtc(f) < before)
                .Select(f => System.IO.Path.GetRelativePath(_root, f).Replace('\\', '/'))
            : [];

    private string PathOf(string key)
    {
        var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(_root, key));
        return path.StartsWith(_root, StringComparison.Ordinal) ? path : throw new InvalidOperationException("Bad storage key.");
    }
}
