using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace EServices.Web.Documents;

/// <summary>What a QR code states about a document, signed so that a check needs no database.</summary>
public sealed record SignedFacts(DocumentKind Kind, string Number, string Holder, DateOnly IssuedOn, string HashPrefix);

/// <summary>
/// Signs and verifies the compact payload carried by QR codes: "facts.signature", both base64url, the facts
/// being kind|number|holder|date|hash-prefix and the signature ECDSA P-256 over SHA-256 (IEEE P1363).
/// </summary>
public sealed class DocumentSigner : IDisposable
{
    private readonly ECDsa _key;

    public DocumentSigner(string privateKeyPem)
    {
        _key = ECDsa.Create();
        _key.ImportFromPem(privateKeyPem);
    }

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    public static string NewPrivateKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }

    public string Sign(SignedFacts facts)
    {
        var data = Encoding.UTF8.GetBytes(string.Join('|', facts.Kind, facts.Number, facts.Holder, facts.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), facts.HashPrefix));
        var signature = _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return $"{WebEncoders.Base64UrlEncode(data)}.{WebEncoders.Base64UrlEncode(signature)}";
    }

    /// <summary>The facts when <paramref name="token"/> carries a valid signature of ours; null otherwise.</summary>
    public SignedFacts? Verify(string? token) => Verify(token, _key);

    public static SignedFacts? Verify(string? token, ECDsa publicKey)
    {
        if (token is null || token.Length > 1000 || token.Split('.') is not [var facts, var signature])
        {
            return null;
        }

        try
        {
            var data = WebEncoders.Base64UrlDecode(facts);
            if (!publicKey.VerifyData(data, WebEncoders.Base64UrlDecode(signature), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
            {
                return null;
            }

            return Encoding.UTF8.GetString(data).Split('|') is [var kind, var number, var holder, var date, var hash]
                && Enum.TryParse<DocumentKind>(kind, out var k)
                && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? new SignedFacts(k, number, holder, d, hash)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public void Dispose() => _key.Dispose();
}
