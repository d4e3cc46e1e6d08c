namespace EServices.Web.Documents;

/// <summary>The ECDSA P-256 key that signs the QR codes, when none is configured (Signing:PrivateKeyPem).
/// Kept in the database so that every node signs with the same key.</summary>
public sealed class SigningKey
{
    public int Id { get; set; }
    public required string PrivateKeyPem { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
