using System.Globalization;
using System.Text;

namespace EServices.Web.Documents;

/// <summary>Where a document is checked: the short address printed under its QR code, for people to type, and the
/// signed address the QR code carries.</summary>
public sealed record CheckAddress(string Printed, string Signed)
{
    public static CheckAddress For(DocumentSigner signer, string baseUrl, string code, SignedFacts facts) =>
        new($"{baseUrl}/verifier/{code}", VerificationLink.Signed(signer, baseUrl, facts));
}

/// <summary>
/// The signed address a QR code carries, format 2: {base}/V/{kind}/{number}/{yyyyMMdd}/{holder}/{signature}, the
/// holder as initials and lengths (<see cref="HolderMask"/>), the signature in base 32 over "2|kind|number|date|holder".
/// Every character is one of the QR alphanumeric mode (capitals, digits, "/", ".", "-", ":", "%"), which stores 5.5
/// bits a character where format 1 needed the 8-bit mode: a certificate's code drops from 65 to 49 modules a side, and
/// building that matrix was half the time of a certificate (docs/benchmarks.md). Format 1, /verifier/{code}?s={token}
/// (<see cref="DocumentSigner.VerifyFormat1"/>), is still verified, since documents already issued carry it.
/// </summary>
public static class VerificationLink
{
    public const string Route = "/v/{kind}/{number}/{date}/{holder}/{signature}";

    private static readonly Dictionary<DocumentKind, string> Letters = new()
    {
        [DocumentKind.Receipt] = "R",
        [DocumentKind.Certificate] = "C",
        [DocumentKind.RefusalLetter] = "L",
        [DocumentKind.Convocation] = "V",
    };

    public static string Signed(DocumentSigner signer, string baseUrl, SignedFacts facts)
    {
        var kind = Letters[facts.Kind];
        var date = facts.IssuedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var holder = HolderMask.Code(facts.Holder);
        var signature = Base32.Encode(signer.Sign(Message(kind, facts.Number, date, holder)));
        return $"{Capitals(baseUrl)}/V/{kind}/{Uri.EscapeDataString(facts.Number)}/{date}/{Uri.EscapeDataString(holder)}/{signature}";
    }

    /// <summary>The facts of an address read from <see cref="Route"/>, or null when it does not carry a signature of
    /// <paramref name="signer"/>'s key.</summary>
    public static CheckedFacts? Read(DocumentSigner signer, string kind, string number, string date, string holder, string signature)
    {
        if (Letters.Where(l => l.Value == kind).Select(l => (DocumentKind?)l.Key).FirstOrDefault() is not { } documentKind
            || !DateOnly.TryParseExact(date, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var issuedOn)
            || number.Length > 100
            || HolderMask.Show(holder) is not { } masked
            || signature.Length > 200
            || Base32.Decode(signature) is not { } bytes)
        {
            return null;
        }

        return signer.Verify(Message(kind, number, date, holder), bytes) ? new CheckedFacts(documentKind, number, issuedOn, masked) : null;
    }

    private static byte[] Message(string kind, string number, string date, string holder) =>
        Encoding.UTF8.GetBytes($"2|{kind}|{number}|{date}|{holder}");

    /// <summary>Scheme and host in capitals, as neither is case-sensitive; a path base is kept as it is, since a proxy
    /// in front may match it by case (the code then falls back to the 8-bit mode: larger, still right).</summary>
    private static string Capitals(string baseUrl)
    {
        var uri = new Uri(baseUrl);
        return $"{uri.Scheme.ToUpperInvariant()}://{uri.Authority.ToUpperInvariant()}{uri.AbsolutePath.TrimEnd('/')}";
    }
}
