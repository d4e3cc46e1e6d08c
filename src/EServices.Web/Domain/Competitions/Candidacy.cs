namespace EServices.Web.Domain.Competitions;

/// <summary>A candidate's application to one competition: a request of the session's procedure (its draft, payment,
/// number and receipt) plus what the competition needs to hold apart. One per CNIB number per competition (a unique
/// index); choosing a centre takes one of its places (a trigger), giving it up or deleting the draft frees it.</summary>
public sealed class Candidacy
{
    public Guid RequestId { get; set; }
    public Request Request { get; set; } = null!;
    public int CompetitionId { get; set; }
    public Competition Competition { get; set; } = null!;
    public string ApplicantId { get; set; } = "";

    /// <summary>The CNIB number as the form normalises it, once the identity step is saved.</summary>
    public string? Cnib { get; set; }

    public int? CentreId { get; set; }
    public ExamCentre? Centre { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
