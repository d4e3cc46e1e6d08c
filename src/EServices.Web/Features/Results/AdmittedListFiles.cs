using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace EServices.Web.Features.Results;

/// <summary>A published list's PDF as served: the bytes and what conditional requests compare.</summary>
public sealed record AdmittedListFile(byte[] Content, DateTimeOffset PublishedAt, EntityTagHeaderValue ETag);

/// <summary>
/// The PDF lists of admitted candidates, rendered once per node and publication. On results day thousands fetch the same
/// list of up to 20 000 names (seconds of work, megabytes): the first request renders it, those arriving meanwhile wait
/// for that rendering, all others get the kept bytes. A published list never changes (re-import is refused after
/// publication), so it is kept under the competition with its publication date: another date is another list. The kept
/// files' total size is capped; past it the least recently used go.
/// </summary>
public sealed class AdmittedListFiles : IDisposable
{
    public const long MaxBytes = 256L * 1024 * 1024;

    private readonly MemoryCache _files = new(new MemoryCacheOptions { SizeLimit = MaxBytes });
    private readonly SemaphoreSlim _rendering = new(1, 1);
    private int _renderings;

    /// <summary>How many lists this node has rendered.</summary>
    public int Renderings => Volatile.Read(ref _renderings);

    public async Task<AdmittedListFile> GetAsync(PublishedCompetition competition, Func<CancellationToken, Task<byte[]>> render, CancellationToken ct)
    {
        if (Kept(competition) is { } kept)
        {
            return kept;
        }

        // One rendering at a time on a node (each holds a whole list in memory): whoever waited for the same list finds it kept.
        await _rendering.WaitAsync(ct);
        try
        {
            if (Kept(competition) is { } rendered)
            {
                return rendered;
            }

            var content = await render(ct);
            Interlocked.Increment(ref _renderings);
            var file = new AdmittedListFile(content, competition.PublishedAt, new EntityTagHeaderValue($"\"{competition.Id}-{competition.PublishedAt.UtcTicks:x}\""));
            _files.Set(competition.Id, file, new MemoryCacheEntryOptions { Size = content.Length });
            return file;
        }
        finally
        {
            _rendering.Release();
        }
    }

    private AdmittedListFile? Kept(PublishedCompetition competition) =>
        _files.TryGetValue(competition.Id, out AdmittedListFile? file) && file!.PublishedAt == competition.PublishedAt ? file : null;

    public void Dispose()
    {
        _files.Dispose();
        _rendering.Dispose();
    }
}
