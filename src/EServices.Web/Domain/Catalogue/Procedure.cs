using NpgsqlTypes;

namespace EServices.Web.Domain.Catalogue;

/// <summary>A procedure of the decree's list; "en ligne" once it has a published form.</summary>
public sealed class Procedure
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Summary { get; set; }
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
    public int ServiceId { get; set; }
    public Service Service { get; set; } = null!;
    public string[] Audiences { get; set; } = [];
    public string Eligibility { get; set; } = "";
    public string[] SupportingDocuments { get; set; } = [];

    /// <summary>Fee in francs CFA (no decimals); 0 means free. With <see cref="FeeKind"/> None it is only shown (paid
    /// elsewhere); with Fixed it is paid online before filing.</summary>
    public int FeeXof { get; set; }

    /// <summary>Whether the fee is paid online, and how its amount is set (<see cref="Fees"/>).</summary>
    public FeeKind FeeKind { get; set; }

    /// <summary>With <see cref="FeeKind.PerChoice"/>: the choice field whose answer sets the amount.</summary>
    public string? FeeFieldKey { get; set; }

    /// <summary>With <see cref="FeeKind.PerChoice"/>: jsonb {"choice": amount}, one amount per choice of the field.</summary>
    public string FeeByChoice { get; set; } = "{}";

    /// <summary>Target processing time in working days; 0 means the receipt is the outcome.</summary>
    public int TargetDelayDays { get; set; }

    /// <summary>What silence means once <see cref="SilenceDelayDays"/> working days have passed since filing without a decision.</summary>
    public SilenceRule Silence { get; set; }

    /// <summary>The legal delay, in working days, after which silence decides (with <see cref="Silence"/> other than None).</summary>
    public int SilenceDelayDays { get; set; }

    public string LegalBasis { get; set; } = "";
    public string Outcome { get; set; } = "";

    /// <summary>The longer explanation of the sheet, in Markdown (rendered sanitised).</summary>
    public string Description { get; set; } = "";

    /// <summary>Where the procedure stands in the decree's list (e.g. "Décret n° 2022-… art. 3, n° 12").</summary>
    public string DecreeReference { get; set; } = "";

    /// <summary>How to do it on paper while it is not online (or as an alternative).</summary>
    public string PaperProcedure { get; set; } = "";

    /// <summary>The document issued on acceptance; none when the title is empty (a letter is sent instead).</summary>
    public string? CertificateTitle { get; set; }

    /// <summary>Certificate text with {{placeholders}} (see <see cref="EServices.Web.Domain.Documents.CertificateTemplate"/>).</summary>
    public string? CertificateBody { get; set; }

    /// <summary>Prefix of certificate numbers, per kind: ATT-2027-000012.</summary>
    public string? CertificatePrefix { get; set; }

    /// <summary>The letter sent on rejection, with {{placeholders}} ({{motif}} is the reason given).</summary>
    public string? RefusalLetterBody { get; set; }

    /// <summary>The version applicants file with; null while the procedure has never been published.</summary>
    public int? PublishedFormVersionId { get; set; }

    public FormVersion? PublishedFormVersion { get; private set; }

    /// <summary>The version being edited (N+1 while N stays live); null when there is no draft.</summary>
    public int? DraftFormVersionId { get; private set; }

    public FormVersion? DraftFormVersion { get; private set; }

    /// <summary>"Fermer": no new filings from then on; requests already filed go on.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The answer (a field key) whose value picks the group a new request goes to; see <see cref="RoutingRule"/>.</summary>
    public string? RoutingFieldKey { get; set; }

    public NpgsqlTsVector SearchVector { get; set; } = null!;

    public bool IsOnline => PublishedFormVersionId is not null && ClosedAt is null;

    /// <summary>Starts the next version of the form; the live one, if any, stays untouched until it is published.</summary>
    public void OpenDraft(FormVersion draft)
    {
        if (DraftFormVersion is not null || !draft.IsDraft)
        {
            throw new InvalidOperationException($"Procedure {Id} already has a draft, or the version given is published.");
        }

        DraftFormVersion = draft;
    }

    /// <summary>"Publier": the draft becomes the live version and the procedure is open again.</summary>
    public FormVersion Publish(DateTimeOffset at)
    {
        var draft = DraftFormVersion ?? throw new InvalidOperationException($"Procedure {Id} has no draft to publish.");
        draft.MarkPublished(at);
        PublishedFormVersion = draft;
        DraftFormVersion = null;
        DraftFormVersionId = null;
        ClosedAt = null;
        return draft;
    }

    /// <summary>Detaches the draft (for the caller to delete); the live version is untouched.</summary>
    public FormVersion? DiscardDraft()
    {
        var draft = DraftFormVersion;
        DraftFormVersion = null;
        DraftFormVersionId = null;
        return draft;
    }

    public void Close(DateTimeOffset at) => ClosedAt = at;

    public void Reopen() => ClosedAt = null;
}
