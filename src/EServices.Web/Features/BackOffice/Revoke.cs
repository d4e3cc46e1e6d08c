using EServices.Web.Infrastructure.Audit;
using EServices.Web.Workflow;

namespace EServices.Web.Features.BackOffice;

/// <summary>A head of service revokes an issued document, saying why (the document checks the reason).</summary>
public static class Revoke
{
    public sealed record Command(Guid DocumentId, string? Motif);

    public sealed class Handler(AppDbContext db, StaffScope scope, AuditLog audit, Notices notices, TimeProvider clock)
    {
        /// <summary>What happened, and the number of the request the document belongs to (null when not found).</summary>
        public async Task<(string? Number, Decision Decision)> RunAsync(ClaimsPrincipal user, Command command, CancellationToken ct)
        {
            var visible = await scope.RequestsAsync(user, ct);
            var document = await db.IssuedDocuments.FirstOrDefaultAsync(d => d.Id == command.DocumentId && visible.Any(r => r.Id == d.RequestId), ct);
            if (document is null)
            {
                return (null, Decision.NotFound);
            }

            var request = await db.Requests.Where(r => r.Id == document.RequestId)
                .Join(db.Procedures, r => r.ProcedureId, p => p.Id, (r, p) => new { r.Number, r.ApplicantId, p.Title }).SingleAsync(ct);
            try
            {
                document.Revoke(user.FindFirstValue(ClaimTypes.NameIdentifier)!, command.Motif ?? "", clock.GetUtcNow());
            }
            catch (InvalidTransitionException refused)
            {
                return (request.Number, new(DecisionOutcome.Refused, refused.Message));
            }

            // A revocation changes what the check page says: journalled (and chained) like a request's move.
            audit.Record($"Document {document.Number} révoqué : {document.RevokedReason}", AuditTargets.Request, request.Number!, request.Title);
            // The holder learns it from us, not from whoever checks the document next.
            notices.EnqueueRevocation(document, request.Number!, await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.ApplicantId, ct));
            await db.SaveChangesAsync(ct);
            return (request.Number, new(DecisionOutcome.Done, $"Le document {document.Number} est révoqué : la page de vérification l'indique désormais."));
        }
    }
}
