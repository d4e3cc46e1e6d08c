namespace EServices.Web.Domain.Forms;

/// <summary>The file currently attached to a file field.</summary>
public sealed record AttachedFile(Guid Id, string FileName, long Size);
