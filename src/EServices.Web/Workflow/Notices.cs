using System.Globalization;
using EServices.Web.Infrastructure.Email;
using EServices.Web.Infrastructure.Sms;

namespace EServices.Web.Workflow;

/// <summary>The texts of a status's notices, {{words}} not yet filled.</summary>
public sealed record NoticeWording(string Subject, string Body, string Sms);

/// <summary>
/// What the applicant is told when their request changes state, a document of theirs is revoked or staff write to them:
/// by e-mail, by SMS or both, as they chose among the channels they have (<see cref="Channels"/>). The wording of a
/// status is the procedure's own when an administrator wrote one (<see cref="EmailTemplate"/>), else
/// <see cref="NoticeTexts"/>; same {{words}} as certificates, {{lien}} being the short address in an SMS. Everything is
/// queued in the caller's transaction: a notice leaves only if the change is saved.
/// </summary>
public sealed class Notices(AppDbContext db, EmailOutbox email, SmsOutbox sms, PublicLinks links)
{
    public async Task EnqueueAsync(Request request, ApplicationUser applicant, DateTimeOffset now, CancellationToken ct) =>
        Enqueue(request, applicant, now, await WordingAsync(request.Procedure, request.Status, ct));

    /// <summary>The wording of a status for a procedure. A template row whose subject is empty words only the SMS: its
    /// e-mail follows the portal's default.</summary>
    public async Task<NoticeWording> WordingAsync(Procedure procedure, RequestStatus status, CancellationToken ct)
    {
        var custom = await db.EmailTemplates.AsNoTracking()
            .FirstOrDefaultAsync(t => t.ProcedureId == procedure.Id && t.Status == status, ct);
        var (subject, body) = custom is { Subject.Length: > 0 } ? (custom.Subject, custom.Body) : NoticeTexts.Email(status, procedure);
        return new(subject, body, custom?.Sms ?? NoticeTexts.Sms(status, procedure));
    }

    /// <summary>Enqueues the notices of the request's status with a wording read beforehand (<see cref="WordingAsync"/>).</summary>
    public void Enqueue(Request request, ApplicationUser applicant, DateTimeOffset now, NoticeWording wording)
    {
        var number = request.Number ?? "";
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var answers = TemplateWords.Answers(request.FormVersion.Parse(), request.ReadAnswers());
        Dictionary<string, string> Values(string link) =>
            TemplateWords.Values(TemplateWords.FactsOf(request, number, today, applicant.FirstNames, link), answers);

        var channels = Channels(applicant);
        if (channels.HasFlag(NoticeChannels.Email))
        {
            var values = Values(links.RequestPage(number));
            email.Enqueue(applicant.Email!, CertificateTemplate.Fill(wording.Subject, values).ReplaceLineEndings(" "), CertificateTemplate.Fill(wording.Body, values));
        }

        if (channels.HasFlag(NoticeChannels.Sms))
        {
            var values = Values(links.ShortRequest(number));
            var text = CertificateTemplate.Fill(wording.Sms, values);
            // A custom text naming a long reason would lose its end, the link, to the two-part cut: the default carries none.
            if (SmsText.Of(text).TooLong)
            {
                text = CertificateTemplate.Fill(NoticeTexts.Sms(request.Status, request.Procedure), values);
            }

            sms.Enqueue(applicant.PhoneNumber, text, SmsKind.Notice, request.Id);
        }
    }

    /// <summary>Tells the applicant that a document of their request was revoked (its check page now says so): which one,
    /// why, and where to see the request. Enqueued in the caller's transaction, like the revocation.</summary>
    public void EnqueueRevocation(IssuedDocument document, string requestNumber, ApplicationUser applicant) =>
        Tell(
            applicant,
            () => ($"Demande {requestNumber} : document révoqué",
                $"Bonjour {applicant.FirstNames},\n\nLe document « {document.ProcedureTitle} » n° {document.Number}, délivré le " +
                $"{document.IssuedAt.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} pour votre demande " +
                $"{requestNumber}, a été révoqué : il n'a plus de valeur, et la vérification de son code QR l'indique désormais.\n" +
                (string.IsNullOrWhiteSpace(document.RevokedReason) ? "" : $"Motif : « {document.RevokedReason} »\n") +
                $"\nConsultez votre demande : {links.RequestPage(requestNumber)}" + NoticeTexts.Signature),
            () => NoticeTexts.RevocationSms(document.Number, requestNumber, links.ShortRequest(requestNumber)),
            document.RequestId);

    /// <summary>Tells the applicant that staff wrote to them: the e-mail quotes the message, the SMS only points to it
    /// (a free text could be long, and a phone is read by others).</summary>
    public void EnqueueMessage(Request request, ApplicationUser applicant, string text) =>
        Tell(
            applicant,
            () => ($"Demande {request.Number} : nouveau message",
                $"Bonjour {applicant.FirstNames},\n\nL'administration vous a écrit au sujet de votre demande {request.Number} :\n\n« {text} »\n\n" +
                $"Répondez depuis votre espace : {links.RequestPage(request.Number!)}" + NoticeTexts.Signature),
            () => NoticeTexts.MessageSms(request.Number!, links.ShortRequest(request.Number!)),
            request.Id);

    /// <summary>Tells the applicant that their request went to another service (or team): which one now handles it
    /// (<paramref name="handledBy"/>, « au service … »), and by when. The number stays; the internal reason is not quoted.</summary>
    public void EnqueueTransfer(Request request, ApplicationUser applicant, string handledBy, DateOnly? dueOn)
    {
        var due = dueOn is { } d ? $" La réponse est attendue au plus tard le {d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}." : "";
        Tell(
            applicant,
            () => ($"Demande {request.Number} : transmise {handledBy}",
                $"Bonjour {applicant.FirstNames},\n\nVotre demande {request.Number} a été transmise {handledBy}, qui la traitera. " +
                $"Elle garde son numéro ; vous n'avez rien à faire.{due}\n\nSuivez-la : {links.RequestPage(request.Number!)}" + NoticeTexts.Signature),
            () => $"Demande {request.Number} transmise {handledBy}, qui la traitera. Suivi : {links.ShortRequest(request.Number!)}",
            request.Id);
    }

    /// <summary>Tells the applicant that the administration's silence decided their request (« silence vaut accord / rejet »):
    /// the reason names the last day and the filing date; the document is on their request's page.</summary>
    public void EnqueueImplicitDecision(Request request, ApplicationUser applicant)
    {
        var (outcome, document) = request.Status == RequestStatus.Accepted
            ? ("acceptée", "Le document qui l'atteste est téléchargeable depuis votre espace.")
            : ("rejetée", "La notification de rejet est téléchargeable depuis votre espace.");
        Tell(
            applicant,
            () => ($"Demande {request.Number} : {outcome} par décision implicite",
                $"Bonjour {applicant.FirstNames},\n\nVotre demande {request.Number} (« {request.Procedure.Title} ») est {outcome} par " +
                $"décision implicite.\n\n{request.DecisionReason}\n\n{document}\n{links.RequestPage(request.Number!)}" + NoticeTexts.Signature),
            () => $"Demande {request.Number} {outcome} par décision implicite : pas de décision dans le délai. Détails : {links.ShortRequest(request.Number!)}",
            request.Id);
    }

    /// <summary>Tells the applicant that their unpaid draft expired and was deleted (queued with the deletion). The SMS
    /// names no request: the draft goes in the same transaction.</summary>
    public void EnqueueUnpaidDraftExpired(Request draft, ApplicationUser applicant, int days)
    {
        var link = links.To("/demarches/" + draft.Procedure.Slug);
        Tell(
            applicant,
            () => NoticeTexts.UnpaidDraftExpiredEmail(applicant.FirstNames, draft.Procedure.Title, days, link),
            () => NoticeTexts.UnpaidDraftExpiredSms(days, link),
            requestId: null);
    }

    /// <summary>A message to the expert asked for an opinion: by e-mail when they gave an address, else by SMS.</summary>
    public void TellExpert(Opinion opinion, string subject, string emailBody, string smsText)
    {
        if (opinion.ExpertEmail is { } address)
        {
            email.Enqueue(address, subject, emailBody);
        }
        else
        {
            sms.Enqueue(opinion.ExpertPhone, smsText, SmsKind.Notice, opinion.RequestId);
        }
    }

    /// <summary>A notice by the applicant's channels (<see cref="Channels"/>): each text made only for a channel it goes by.</summary>
    private void Tell(ApplicationUser applicant, Func<(string Subject, string Body)> byEmail, Func<string> bySms, Guid? requestId)
    {
        var channels = Channels(applicant);
        if (channels.HasFlag(NoticeChannels.Email))
        {
            var (subject, body) = byEmail();
            email.Enqueue(applicant.Email!, subject, body);
        }

        if (channels.HasFlag(NoticeChannels.Sms))
        {
            sms.Enqueue(applicant.PhoneNumber, bySms(), SmsKind.Notice, requestId);
        }
    }

    /// <summary>The channels the applicant chose among those they have: an e-mail needs an address, an SMS a confirmed
    /// number. When none of the chosen ones is left (e-mail chosen, no address), all they have rather than silence.</summary>
    public static NoticeChannels Channels(ApplicationUser applicant)
    {
        var reachable = (string.IsNullOrWhiteSpace(applicant.Email) ? NoticeChannels.None : NoticeChannels.Email)
            | (applicant.PhoneNumberConfirmed && !string.IsNullOrWhiteSpace(applicant.PhoneNumber) ? NoticeChannels.Sms : NoticeChannels.None);
        var chosen = applicant.Notices & reachable;
        return chosen == NoticeChannels.None ? reachable : chosen;
    }
}
