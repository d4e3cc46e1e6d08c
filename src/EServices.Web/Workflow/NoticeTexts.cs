namespace EServices.Web.Workflow;

/// <summary>
/// The portal's own wording of the notices of a status, used when the procedure has none (<see cref="EmailTemplate"/>):
/// an e-mail, and an SMS that fits one message (160 GSM-7 characters with a production address and a tracking number)
/// and carries no free text: the reason or the agent's message is read on the request's page, which the SMS links to.
/// </summary>
public static class NoticeTexts
{
    /// <summary>The statuses whose notices an administrator may word per procedure, in the order of a request's life.</summary>
    public static readonly IReadOnlyList<RequestStatus> Editable =
        [RequestStatus.Submitted, RequestStatus.CorrectionRequested, RequestStatus.Accepted, RequestStatus.Rejected];

    public const string Signature = "\n\nLes e-services de la Fonction publique";

    public static (string Subject, string Body) Email(RequestStatus status, Procedure procedure)
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

    /// <summary>The SMS of a status; {{lien}} is the short address of the request (PublicLinks.ShortRequest).</summary>
    public static string Sms(RequestStatus status, Procedure procedure) => "Demande {{numero_demande}} " + status switch
    {
        RequestStatus.Submitted => "bien reçue." + (procedure.TargetDelayDays == 0 ? "" : " Décision au plus tard le {{echeance}}.") + " Suivi : {{lien}}",
        RequestStatus.UnderReview => "en cours d'instruction par nos services. Suivi : {{lien}}",
        RequestStatus.CorrectionRequested => "incomplète : un complément est demandé avant le {{date_limite}}. Détails et réponse : {{lien}}",
        RequestStatus.Accepted => "acceptée. Détails et document : {{lien}}",
        RequestStatus.Rejected => "rejetée. Motif et notification : {{lien}}",
        RequestStatus.ClosedWithoutFollowUp => "classée sans suite. Motif : {{lien}}",
        RequestStatus.Draft => "{{statut}} : {{lien}}",
    };

    public static string RevocationSms(string documentNumber, string requestNumber, string link) =>
        $"Le document {documentNumber} de votre demande {requestNumber} a été révoqué. Motif : {link}";

    public static string MessageSms(string requestNumber, string link) =>
        $"Demande {requestNumber} : nouveau message de l'administration. Lire et répondre : {link}";

    /// <summary>A draft left unpaid was deleted: nothing was taken, the applicant may start again (the SMS names no
    /// procedure: a title may be long, and a phone is read by others).</summary>
    public static (string Subject, string Body) UnpaidDraftExpiredEmail(string firstNames, string procedure, int days, string link) => (
        "Demande non payée supprimée",
        $"Bonjour {firstNames},\n\nVotre demande « {procedure} » attendait le paiement de ses frais depuis plus de {days} jours : " +
        "elle a été supprimée, avec ses réponses et ses pièces jointes. Aucun frais n'a été prélevé.\n\n" +
        $"Vous pouvez recommencer la démarche à tout moment : {link}" + Signature);

    public static string UnpaidDraftExpiredSms(int days, string link) =>
        $"Votre demande non payée depuis {days} jours a été supprimée. Aucun frais prélevé. Recommencer : {link}";
}
