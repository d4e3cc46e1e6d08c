namespace EServices.Web.Features.BackOffice.Api;

/// <summary>The API's codes for a request's status and moves: stable words, not the labels, which may be reworded.</summary>
public static class ApiCodes
{
    public static readonly IReadOnlyDictionary<RequestStatus, string> Statuses = new Dictionary<RequestStatus, string>
    {
        [RequestStatus.Submitted] = "deposee",
        [RequestStatus.UnderReview] = "en_instruction",
        [RequestStatus.CorrectionRequested] = "complement_demande",
        [RequestStatus.Accepted] = "acceptee",
        [RequestStatus.Rejected] = "rejetee",
        [RequestStatus.ClosedWithoutFollowUp] = "classee_sans_suite",
    };

    /// <summary>The moves the API makes (the back-office's others, assign, transfer, close, stay with people).</summary>
    public static readonly IReadOnlyDictionary<RequestAction, string> Moves = new Dictionary<RequestAction, string>
    {
        [RequestAction.Take] = "prendre",
        [RequestAction.RequestCorrection] = "complement",
        [RequestAction.Accept] = "accepter",
        [RequestAction.Reject] = "rejeter",
    };

    public static string Status(RequestStatus status) => Statuses.GetValueOrDefault(status, "brouillon");

    public static string Payment(PaymentStatus status) => status switch
    {
        PaymentStatus.Pending => "en_attente",
        PaymentStatus.Paid => "paye",
        PaymentStatus.Failed => "echoue",
        PaymentStatus.Expired => "expire",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static string Document(DocumentKind kind) => kind switch
    {
        DocumentKind.Receipt => "recepisse",
        DocumentKind.Certificate => "acte",
        DocumentKind.RefusalLetter => "lettre_de_refus",
        _ => kind.ToString().ToLowerInvariant(),
    };
}

public sealed record ApiField(string Cle, string Libelle, string Type, bool Obligatoire);

public sealed record ApiProcedure(int Id, string Slug, string Intitule, string Resume, int FraisXof, int DelaiJours, bool Ouverte, IReadOnlyList<ApiField> Champs);

public sealed record ApiRequestSummary(
    string Numero, string Demarche, string Intitule, string Statut, string LibelleStatut, DateTimeOffset DeposeeLe, DateTimeOffset ModifieeLe,
    DateOnly? Echeance, string Demandeur, uint Version, bool Test);

/// <param name="Suivante">The cursor of the next page (<c>apres=</c>), null on the last one.</param>
public sealed record ApiRequestPage(IReadOnlyList<ApiRequestSummary> Demandes, string? Suivante);

public sealed record ApiAnswer(string Etape, string Cle, string Libelle, IReadOnlyList<string> Valeurs);

public sealed record ApiAttachment(Guid Id, string Cle, string Libelle, string NomFichier, long Taille, string Type, string Lien);

public sealed record ApiEvent(DateTimeOffset Le, string Auteur, string? De, string Vers, string Commentaire);

public sealed record ApiMessage(DateTimeOffset Le, string Auteur, bool DeAgent, bool NoteInterne, string Texte);

public sealed record ApiIssued(Guid Id, string Type, string Intitule, string Numero, DateTimeOffset DelivreLe, bool Revoque, string? MotifRevocation, string Lien);

public sealed record ApiPayment(int Montant, string Statut, string? Moyen, string? Reference, DateTimeOffset? PayeLe, DateTimeOffset? RembourseLe);

public sealed record ApiCorrection(IReadOnlyList<string> Champs, string? Message, DateOnly? Echeance);

public sealed record ApiRequestDetail(
    string Numero, string Intitule, string Statut, string LibelleStatut, uint Version, DateTimeOffset DeposeeLe, DateOnly? Echeance, bool EnRetard,
    string Demandeur, string? Agent, string? Groupe, string? MotifDecision, ApiCorrection? Complement, IReadOnlyList<string> ActionsPermises,
    IReadOnlyList<ApiAnswer> Reponses, IReadOnlyList<ApiAttachment> Pieces, IReadOnlyList<ApiEvent> Historique, IReadOnlyList<ApiMessage> Messages,
    IReadOnlyList<ApiIssued> Documents, IReadOnlyList<ApiPayment> Paiements, bool Test)
{
    public static ApiRequestDetail From(RequestFilePage page, IReadOnlyList<ApiPayment> payments) => new(
        page.Number, page.ProcedureTitle, ApiCodes.Status(page.Status), page.Status.Label(), page.Version, page.SubmittedAt, page.DueOn, page.Overdue,
        page.ApplicantName, page.Assignee, page.GroupName, page.DecisionReason,
        page.Status == RequestStatus.CorrectionRequested ? new ApiCorrection(page.CorrectionLabels, page.CorrectionMessage, page.CorrectionDeadline) : null,
        ApiCodes.Moves.Where(m => page.Allowed.Contains(m.Key)).Select(m => m.Value).ToList(),
        page.Answers.Steps.SelectMany(s => s.Items.Select(i => new ApiAnswer(s.Title, i.Key, i.Label, i.Lines))).ToList(),
        page.Documents.Select(d => new ApiAttachment(d.Id, d.FieldKey, d.Label, d.FileName, d.Size, d.ContentType, $"/api/v1/pieces/{d.Id}")).ToList(),
        page.Timeline.Select(e => new ApiEvent(e.At, e.Actor, e.From, e.To, e.Comment)).ToList(),
        page.Messages.Select(m => new ApiMessage(m.At, m.Author, m.FromStaff, m.IsPrivateNote, m.Text)).ToList(),
        page.Issued.Select(d => new ApiIssued(d.Id, ApiCodes.Document(d.Kind), d.Title, d.Number, d.IssuedAt,
            d.RevokedReason is not null, d.RevokedReason, $"/api/v1/documents/{d.Id}")).ToList(),
        payments,
        page.IsTest);
}

/// <summary>The body of a move: the <see cref="Version"/> read in the request's detail (of two moves made together, one is refused).</summary>
public class ApiMove
{
    public uint? Version { get; set; }
}

public sealed class ApiCorrectionMove : ApiMove
{
    /// <summary>The keys (<c>cle</c>) of the answers and documents to correct.</summary>
    public string[]? Champs { get; set; }

    public string? Message { get; set; }

    public DateOnly? Echeance { get; set; }
}

public sealed class ApiRejectionMove : ApiMove
{
    public string? Motif { get; set; }
}

public sealed class ApiNewMessage
{
    public string? Texte { get; set; }
}
