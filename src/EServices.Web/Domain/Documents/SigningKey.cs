using System.Security.Cryptography;

namespace EServices.Web.Domain.Documents;

/// <summary>The ECDSA P-256 key that signs the QR codes, when none is configured (Signing:PrivateKeyPem).
/// Kept in the database so that every node signs with the same key.</summary>
public sealed class SigningKey
{
    public int Id { get; set; }
    public required string PrivateKeyPem { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    public static SigningKey Create(DateTimeOffset at) => new() { PrivateKeyPem = NewPrivateKeyPem(), CreatedAt = at };

    public static string NewPrivateKeyPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportPkcs8PrivateKeyPem();
    }
}
