using System.Security.Cryptography;

namespace EServices.Web.Workflow;

/// <summary>The expert's personal link to one opinion: <c>/avis/{id}?cle=…</c>, the key 256 random bits that only the
/// expert's message carries (the portal keeps its SHA-256). The key rides in the query, which the request log leaves out.</summary>
public sealed class OpinionLinks(PublicLinks links)
{
    public static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

    /// <summary>Whether <paramref name="key"/> is the one whose hash the opinion keeps (in constant time).</summary>
    public static bool Opens(Opinion opinion, string? key) =>
        key is { Length: 64 } && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Hash(key)), System.Text.Encoding.ASCII.GetBytes(opinion.TokenHash));

    public static string Path(Guid id, string key) => $"/avis/{id}?cle={key}";

    public string Link(Guid id, string key) => links.To(Path(id, key));
}
