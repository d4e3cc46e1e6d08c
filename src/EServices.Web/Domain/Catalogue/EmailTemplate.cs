
namespace EServices.Web.Domain.Catalogue;

/// <summary>The e-mail an applicant receives when a request of this procedure reaches a status, replacing the
/// default wording; same {{placeholders}} as certificates.</summary>
public sealed class EmailTemplate
{
    public int Id { get; set; }
    public int ProcedureId { get; set; }
    public RequestStatus Status { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>The SMS of that status, when the administrator wrote one (two parts at most); null: the default SMS.</summary>
    public string? Sms { get; set; }
}
