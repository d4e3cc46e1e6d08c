namespace EServices.Web.Domain.Records;

/// <summary>The end of the sealed chain (one row): its last number and hash, so that deleting the last rows shows.
/// Locking it also lets one sealer at a time extend the chain, whatever the number of nodes.</summary>
public sealed class AuditChainHead
{
    public const int SingleId = 1;

    public int Id { get; set; }
    public long LastNo { get; set; }
    public required byte[] LastHash { get; set; }
    public DateTimeOffset? SealedAt { get; set; }
}
