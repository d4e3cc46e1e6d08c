using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using EServices.Web.Documents;

namespace EServices.Tests.Infrastructure;

/// <summary>An authenticator app: RFC 6238 codes (HMAC-SHA1, 30 s, 6 digits) from a base32 key.</summary>
public static class Totp
{
    public static string Code(string base32Key, DateTimeOffset at)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, at.ToUnixTimeSeconds() / 30);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1
        var hash = HMACSHA1.HashData(FromBase32(base32Key), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly ConcurrentDictionary<string, long> LastStepGiven = new();

    /// <summary>A code the portal has not seen yet, as a user gets by waiting for the next one: the current step's, or the
    /// following one once that was given (the portal accepts one step ahead for clock skew), waiting when both were.</summary>
    public static async Task<string> NextAsync(string base32Key)
    {
        while (true)
        {
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            var last = LastStepGiven.GetOrAdd(base32Key, long.MinValue);
            var step = Math.Max(now, last + 1);
            if (step <= now + 1)
            {
                if (LastStepGiven.TryUpdate(base32Key, step, last))
                {
                    return Code(base32Key, DateTimeOffset.FromUnixTimeSeconds(step * 30));
                }

                continue;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The key as an authenticator app reads it: spaces, padding and case do not matter.</summary>
    private static byte[] FromBase32(string key) =>
        Base32.Decode(key.Replace(" ", "", StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant())
        ?? throw new InvalidOperationException($"Not a base 32 key: {key}");
}
