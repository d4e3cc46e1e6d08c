using EServices.Web.Documents;
using EServices.Web.Workflow;

namespace EServices.Web.Features.BackOffice;

/// <summary>What a member of staff downloads from the requests they may see: attachments, issued documents, the whole request
/// on paper. Any other id or number is not found (null).</summary>
public sealed class VisibleFilesHandler(StaffScope scope, RequestFileQuery file, AppDbContext db)
{
    public async Task<Attachment?> AttachmentAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var visible = await scope.RequestsAsync(user, ct);
        return await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id && visible.Any(r => r.Id == a.RequestId), ct);
    }

    public async Task<IssuedDocument?> DocumentAsync(ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var visible = await scope.RequestsAsync(user, ct);
        return await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id && visible.Any(r => r.Id == d.RequestId), ct);
    }

    /// <summary>The request's page as a PDF: the applicant, the answers, the documents and the timeline.</summary>
    public async Task<byte[]?> SummaryAsync(ClaimsPrincipal user, string number, CancellationToken ct)
    {
        if (await file.RunAsync(user, number, ct) is not { } page)
        {
            return null;
        }

        var sections = page.Answers.SummarySections()
            .Append(new SummarySection("Pièces jointes", page.Documents.Select(d => (d.Label, $"{d.FileName} ({ReceiptPdf.FormatSize(d.Size)})")).ToList()))
            .Append(new SummarySection("Historique", page.Timeline.Select(e => (e.At.ToString("dd/MM/yyyy HH:mm"), $"{e.Actor} : {e.To}. {e.Comment}")).ToList()))
            .Prepend(new SummarySection("Demandeur", [("Nom", page.ApplicantName), ("E-mail", page.ApplicantEmail ?? ""), ("Téléphone", page.ApplicantPhone ?? ""),
                ("Déposée le", page.SubmittedAt.ToString("dd/MM/yyyy HH:mm")), ("Échéance", page.DueOn is { } due ? FieldRules.FormatDate(due) : "—"), ("Agent", page.Assignee ?? "—")]))
            .ToList();
        var service = await db.Services.Where(s => s.Id == page.ServiceId).Select(s => s.Name).SingleAsync(ct);
        return RequestSummaryPdf.Render(new RequestSummary(page.Number, page.ProcedureTitle, service, page.Status.Label(), sections));
    }
}
