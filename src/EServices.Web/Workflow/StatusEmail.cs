using System.Globalization;

namespace EServices.Web.Workflow;

/// <summary>The e-mail the applicant receives when their request changes state.</summary>
public static class StatusEmail
{
    public static (string Subject, string Body) For(Request request, string firstNames, string baseUrl)
    {
        var link = $"{baseUrl}/mes-demandes/{request.Number}";
        var what = request.Status switch
        {
            RequestStatus.UnderReview => "est en cours d'instruction par nos services.",
            RequestStatus.CorrectionRequested =>
                $"nécessite un complément de votre part, avant le {request.CorrectionDeadline?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} :\n« {request.CorrectionMessage} »\n" +
                "Le délai de traitement est suspendu jusqu'à votre réponse.",
            RequestStatus.Accepted => "a été acceptée. Votre document sera téléchargeable depuis votre espace.",
            RequestStatus.Rejected => $"a été rejetée pour le motif suivant :\n« {request.DecisionReason} »",
            RequestStatus.ClosedWithoutFollowUp => $"a été classée sans suite pour le motif suivant :\n« {request.DecisionReason} »",
            _ => $"est désormais « {request.Status.Label()} ».",
        };
        return (
            $"Demande {request.Number} : {request.Status.Label().ToLowerInvariant()}",
            $"Bonjour {firstNames},\n\nVotre demande {request.Number} {what}\n\nConsultez-la : {link}\n\nLes e-services de la Fonction publique");
    }
}
