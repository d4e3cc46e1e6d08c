namespace EServices.Web.Domain.Requests;

/// <summary>A supporting document (pièce justificative) uploaded for a request; its bytes live in file storage.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    public required string FieldKey { get; set; }

    /// <summary>The user's file name, sanitised, for display only.</summary>
    public required string FileName { get; set; }

    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string StorageKey { get; set; }
    public required string Sha256 { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
