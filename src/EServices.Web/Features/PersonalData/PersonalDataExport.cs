using System.Text.Json;
using System.Text.Json.Serialization;

namespace EServices.Web.Features.PersonalData;

/// <summary>Everything the portal holds about an applicant, as they can download it (French keys: it is theirs to read).
/// Staff's private notes are left out: they are the administration's working papers, not the applicant's data.</summary>
public sealed class PersonalDataExport(AppDbContext db, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<byte[]> RunAsync(ApplicationUser user, CancellationToken ct)
    {
        var requests = await db.Requests.AsNoTracking()
            .Where(r => r.ApplicantId == user.Id)
            .OrderBy(r => r.CreatedAt)
            .Select(r => new
            {
                r.Id,
                r.Number,
                Procedure = r.Procedure.Title,
                FormVersion = r.FormVersion.Number,
                r.Status,
                r.CreatedAt,
                r.SubmittedAt,
                r.DueOn,
                r.DecidedAt,
                r.DecisionReason,
                r.CorrectionMessage,
                r.Answers,
            })
            .ToListAsync(ct);
        var ids = requests.Select(r => r.Id).ToList();
        var attachments = await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.RequestId)).ToListAsync(ct);
        var events = await db.RequestEvents.AsNoTracking().Where(e => ids.Contains(e.RequestId)).OrderBy(e => e.At).ToListAsync(ct);
        var messages = await db.RequestMessages.AsNoTracking().Where(m => ids.Contains(m.RequestId) && !m.IsPrivateNote).OrderBy(m => m.At).ToListAsync(ct);
        var documents = await db.IssuedDocuments.AsNoTracking().Where(d => ids.Contains(d.RequestId))
            .Select(d => new { d.RequestId, d.Kind, d.Number, d.ProcedureTitle, d.IssuedAt, d.RevokedAt, d.RevokedReason }).ToListAsync(ct);

        var export = new
        {
            GenereLe = clock.GetUtcNow(),
            Compte = new
            {
                Prenoms = user.FirstNames,
                Nom = user.LastName,
                user.Email,
                Telephone = user.PhoneNumber,
                CreeLe = user.CreatedAt,
                DoubleAuthentification = user.TwoFactorEnabled,
            },
            Demandes = requests.Select(r => new
            {
                Numero = r.Number,
                Demarche = r.Procedure,
                VersionDuFormulaire = r.FormVersion,
                Etat = r.Status.Label(),
                CreeeLe = r.CreatedAt,
                DeposeeLe = r.SubmittedAt,
                Echeance = r.DueOn,
                DecideeLe = r.DecidedAt,
                Motif = r.DecisionReason,
                ComplementDemande = r.CorrectionMessage,
                Reponses = JsonSerializer.Deserialize<JsonElement>(r.Answers), // a standalone copy: no pooled document left undisposed
                Pieces = attachments.Where(a => a.RequestId == r.Id).Select(a => new
                {
                    Champ = a.FieldKey,
                    Nom = a.FileName,
                    Type = a.ContentType,
                    Taille = a.Size,
                    a.Sha256,
                    DeposeeLe = a.UploadedAt,
                }),
                Historique = events.Where(e => e.RequestId == r.Id).Select(e => new
                {
                    Le = e.At,
                    De = e.From?.Label(),
                    Vers = e.To.Label(),
                    Commentaire = e.Comment,
                }),
                Messages = messages.Where(m => m.RequestId == r.Id).Select(m => new
                {
                    Le = m.At,
                    De = m.FromStaff ? "administration" : "vous",
                    Texte = m.Text,
                }),
                Documents = documents.Where(d => d.RequestId == r.Id).Select(d => new
                {
                    Type = d.Kind.ToString(),
                    Titre = d.ProcedureTitle,
                    Numero = d.Number,
                    DelivreLe = d.IssuedAt,
                    RevoqueLe = d.RevokedAt,
                    MotifDeRevocation = d.RevokedReason,
                }),
            }),
        };
        return JsonSerializer.SerializeToUtf8Bytes(export, Json);
    }
}
