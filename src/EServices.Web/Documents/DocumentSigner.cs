using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace EServices.Web.Documents;

/// <summary>What a document's QR code states, signed so that a check needs no database.</summary>
public sealed record SignedFacts(DocumentKind Kind, string Number, string Holder, DateOnly IssuedOn);

/// <summary>What the check page shows from a valid signature alone: the holder's name is masked.</summary>
public sealed record CheckedFacts(DocumentKind Kind, string Number, DateOnly IssuedOn, string MaskedHolder);

/// <summary>
/// Signs the addresses carried by QR codes with ECDSA P-256 over SHA-256 (IEEE P1363), and verifies them with the
/// private key or with the published public key alone (<see cref="VerificationLink"/> says what is signed).
/// </summary>
public sealed class DocumentSigner : IDisposable
{
    private readonly ECDsa _key;

    /// <param name="keyPem">The private key (PKCS#8) to sign and verify, or the public key to verify only.</param>
    public DocumentSigner(string keyPem)
    {
        _key = ECDsa.Create();
        _key.ImportFromPem(keyPem);
    }

    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    public static string NewPrivateKeyPem() => SigningKey.NewPrivateKeyPem();

    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public bool Verify(byte[] data, byte[] signature) =>
        _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>
    /// The facts of a format 1 token ("facts.signature", both base64url, the facts being kind|number|holder|date|hash),
    /// which documents issued before format 2 carry after "?s=" (see <see cref="VerificationLink"/>); null when the
    /// token does not carry a signature of this key.
    /// </summary>
    public CheckedFacts? VerifyFormat1(string? token)
    {
        if (token is null || token.Length > 1000 || token.Split('.') is not [var facts, var signature])
        {
            return null;
        }

        try
        {
            var data = WebEncoders.Base64UrlDecode(facts);
            if (!Verify(data, WebEncoders.Base64UrlDecode(signature)))
            {
                return null;
            }

            return Encoding.UTF8.GetString(data).Split('|') is [var kind, var number, var holder, var date, _]
                && Enum.TryParse<DocumentKind>(kind, out var k)
                && DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? new CheckedFacts(k, number, d, HolderMask.Of(holder))
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public void Dispose() => _key.Dispose();
}
