namespace EServices.Web.Domain.Competitions;

/// <summary>A candidate's application to one competition: a request of the session's procedure (its draft, payment,
/// number and receipt) plus what the competition needs to hold apart. One per CNIB number per competition (a unique
/// index); a centre's place taken by a trigger. A draft holds neither (its CNIB and centre are only answers): « Payer et
/// déposer » sets both; a rejection, a closing, a draft back from its payment or deleted frees them.</summary>
public sealed class Candidacy
{
    public Guid RequestId { get; set; }
    public Request Request { get; set; } = null!;
    public int CompetitionId { get; set; }
    public Competition Competition { get; set; } = null!;
    public string ApplicantId { get; set; } = "";

    /// <summary>The CNIB number as the form normalises it, held from « Payer et déposer » until the application ends without a seat.</summary>
    public string? Cnib { get; set; }

    public int? CentreId { get; set; }
    public ExamCentre? Centre { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    // After closing: AGRE's numbering copies who the candidate is from the answers (the order of seats, the convocation,
    // the results search read these columns, not 2 million jsonb documents) and gives the exam number and seat.

    /// <summary>« NOM Prénoms » as declared, copied at numbering.</summary>
    public string? CandidateName { get; set; }

    /// <summary>The name in capitals without accents or punctuation, for the public results search.</summary>
    public string? NameKey { get; set; }

    public DateOnly? BirthDate { get; set; }

    /// <summary>The exam number (« numéro de table »), unique across competitions; null until numbering.</summary>
    public string? ExamNumber { get; set; }

    public int? Room { get; set; }
    public int? Seat { get; set; }

    /// <summary>On the list of admitted candidates (imported by AGRE; public once the competition's results are published).</summary>
    public bool Admitted { get; set; }
}
