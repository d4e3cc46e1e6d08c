using EServices.Web.Infrastructure.Audit;
using EServices.Web.Workflow;

namespace EServices.Web.Features.Deadlines;

/// <summary>
/// The opinions' deadlines: an expert who has not answered two days before the deadline is reminded once (not on the day
/// they were asked; their link stays the one of the invitation); the day after the deadline, an opinion still not given
/// expires, which ends the expert's access. Both audited; each opinion saved on its own version (an answer arriving meanwhile wins).
/// </summary>
public sealed class OpinionDeadlines(AppDbContext db, Notices notices, AuditLog audit, TimeProvider clock)
{
    public const int ReminderDays = 2;

    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var due = await db.Opinions
            .Where(o => o.Status == OpinionStatus.Pending
                && (o.DueOn < today || (o.RemindedAt == null && o.DueOn <= today.AddDays(ReminderDays) && o.AskedAt < now.AddDays(-1))))
            .Join(db.Requests, o => o.RequestId, r => r.Id, (o, r) => new { Opinion = o, r.Number, r.Procedure.Title })
            .Take(200)
            .ToListAsync(ct);
        foreach (var (opinion, number, title) in due.Select(x => (x.Opinion, x.Number!, x.Title)))
        {
            if (opinion.DueOn < today)
            {
                opinion.Expire(today);
                audit.Record(null, $"Avis demandé à {opinion.ExpertName} non donné au {opinion.DueOn:dd/MM/yyyy} : son accès a pris fin", AuditTargets.Request, number, title);
            }
            else
            {
                opinion.Remind(now);
                var text = $"Rappel : votre avis sur la demande {number} est attendu au plus tard le {opinion.DueOn:dd/MM/yyyy}. " +
                    $"Le lien reçu le {opinion.AskedAt:dd/MM/yyyy} reste valable jusque-là.";
                notices.TellExpert(opinion, $"Rappel : avis attendu sur la demande {number}", $"Bonjour,\n\n{text}\n\nLes e-services de la Fonction publique", text);
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear(); // answered meanwhile
            }
        }
    }
}
