using System.Globalization;
using EServices.Web.Infrastructure.Email;

namespace EServices.Web.Workflow;

/// <summary>
/// The e-mail the applicant receives when their request changes state: the procedure's own wording for that status
/// when an administrator wrote one (<see cref="EmailTemplate"/>), else the default below. Same {{placeholders}} as
/// certificates, plus a few that only make sense in an e-mail.
/// </summary>
public sealed class StatusEmail(AppDbContext db, EmailOutbox outbox, PublicLinks links)
{
    /// <summary>The statuses whose e-mail an administrator may word per procedure, in the order of a request's life.</summary>
    public static readonly IReadOnlyList<RequestStatus> Editable =
        [RequestStatus.Submitted, RequestStatus.CorrectionRequested, RequestStatus.Accepted, RequestStatus.Rejected];

    private const string Signature = "\n\nLes e-services de la Fonction publique";

    /// <summary>Enqueued in the caller's transaction: the e-mail leaves only if the change is saved.</summary>
    public async Task EnqueueAsync(Request request, ApplicationUser applicant, DateTimeOffset now, CancellationToken ct) =>
        Enqueue(request, applicant, now, await WordingAsync(request.Procedure, request.Status, ct));

    /// <summary>The subject and body of the e-mail of a status, placeholders not yet filled.</summary>
    public async Task<(string Subject, string Body)> WordingAsync(Procedure procedure, RequestStatus status, CancellationToken ct)
    {
        var custom = await db.EmailTemplates.AsNoTracking()
            .FirstOrDefaultAsync(t => t.ProcedureId == procedure.Id && t.Status == status, ct);
        return custom is null ? Default(status, procedure) : (custom.Subject, custom.Body);
    }

    /// <summary>Enqueues the e-mail of the request's status with a wording read beforehand (<see cref="WordingAsync"/>).</summary>
    public void Enqueue(Request request, ApplicationUser applicant, DateTimeOffset now, (string Subject, string Body) wording)
    {
        var values = Values(request, applicant.FirstNames, links.RequestPage(request.Number ?? ""), DateOnly.FromDateTime(now.UtcDateTime));
        outbox.Enqueue(applicant.Email!, CertificateTemplate.Fill(wording.Subject, values).ReplaceLineEndings(" "), CertificateTemplate.Fill(wording.Body, values));
    }

    /// <summary>Tells the applicant that a document of their request was revoked (its check page now says so): which one,
    /// why, and where to see the request. Enqueued in the caller's transaction, like the revocation.</summary>
    public void EnqueueRevocation(IssuedDocument document, string requestNumber, ApplicationUser applicant)
    {
        var issued = document.IssuedAt.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        outbox.Enqueue(applicant.Email!, $"Demande {requestNumber} : document révoqué",
            $"Bonjour {applicant.FirstNames},\n\nLe document « {document.ProcedureTitle} » n° {document.Number}, délivré le {issued} pour votre demande " +
            $"{requestNumber}, a été révoqué : il n'a plus de valeur, et la vérification de son code QR l'indique désormais.\n" +
            (string.IsNullOrWhiteSpace(document.RevokedReason) ? "" : $"Motif : « {document.RevokedReason} »\n") +
            $"\nConsultez votre demande : {links.RequestPage(requestNumber)}" + Signature);
    }

    public static (string Subject, string Body) Default(RequestStatus status, Procedure procedure)
    {
        if (status == RequestStatus.Submitted)
        {
            return (
                "Demande {{numero_demande}} déposée",
                "Bonjour {{prenoms}},\n\nVotre demande « {{demarche}} » a bien été déposée le {{depose_le}}.\nNuméro de suivi : {{numero_demande}}\n" +
                (procedure.TargetDelayDays == 0 ? "" : "Décision attendue au plus tard le {{echeance}}.\n") +
                "\nSuivez-la et téléchargez votre récépissé : {{lien}}" + Signature);
        }

        var what = status switch
        {
            RequestStatus.UnderReview => "est en cours d'instruction par nos services.",
            RequestStatus.CorrectionRequested =>
                "nécessite un complément de votre part, avant le {{date_limite}} :\n« {{message}} »\nLe délai de traitement est suspendu jusqu'à votre réponse.",
            RequestStatus.Accepted => "a été acceptée. Votre document sera téléchargeable depuis votre espace.",
            RequestStatus.Rejected => "a été rejetée pour le motif suivant :\n« {{motif}} »\nLa notification de rejet est téléchargeable depuis votre espace.",
            RequestStatus.ClosedWithoutFollowUp => "a été classée sans suite pour le motif suivant :\n« {{motif}} »",
            RequestStatus.Draft or RequestStatus.Submitted => "est désormais « {{statut}} ».",
        };
        return ("Demande {{numero_demande}} : {{statut}}", "Bonjour {{prenoms}},\n\nVotre demande {{numero_demande}} " + what + "\n\nConsultez-la : {{lien}}" + Signature);
    }

    private static Dictionary<string, string> Values(Request request, string firstNames, string link, DateOnly today) =>
        TemplateWords.Values(
            TemplateWords.FactsOf(request, request.Number ?? "", today, firstNames, link),
            TemplateWords.Answers(request.FormVersion.Parse(), request.ReadAnswers()));
}
