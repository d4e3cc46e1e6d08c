namespace EServices.Web.Domain.Requests;

public enum DocumentKind
{
    Receipt,
    Certificate,

    /// <summary>The letter notifying a rejection, from the procedure's refusal letter template.</summary>
    RefusalLetter,

    /// <summary>A candidate's convocation to a competition's written exams (exam number, centre, room, seat).</summary>
    Convocation,
}

/// <summary>A document the portal issued (receipt or certificate): the stored PDF is what every download
/// serves, and <see cref="Code"/> is what its QR code points to on the public check page.</summary>
public sealed class IssuedDocument
{
    public Guid Id { get; set; }
    public Guid RequestId { get; set; }
    public DocumentKind Kind { get; set; }
    public required string Number { get; set; }

    /// <summary>Unguessable public code used in /verifier/{code}.</summary>
    public required string Code { get; set; }

    public required string HolderName { get; set; }
    public required string ProcedureTitle { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public required byte[] Pdf { get; set; }
    public required string Sha256 { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? RevokedBy { get; set; }

    public void Revoke(string by, string reason, DateTimeOffset at)
    {
        if (RevokedAt is not null)
        {
            throw new EServices.Web.Domain.Requests.InvalidTransitionException("Ce document est déjà révoqué.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new EServices.Web.Domain.Requests.InvalidTransitionException("Indiquez le motif de la révocation.");
        }

        RevokedAt = at;
        RevokedReason = reason.Trim();
        RevokedBy = by;
    }
}
