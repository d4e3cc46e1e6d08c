using EServices.Web.Infrastructure.Audit;
using Npgsql;

namespace EServices.Web.Features.CompetitionAdmin;

/// <summary>Removes an exam centre that no candidate has chosen; one with candidacies stays (they point to it).</summary>
public static class RemoveCentre
{
    public sealed class Handler(AppDbContext db, AuditLog audit)
    {
        /// <summary>The message for the page: removed, or why not.</summary>
        public async Task<(bool Removed, string Message)> HandleAsync(Competition competition, ExamCentre centre, CancellationToken ct)
        {
            var candidacies = await db.Candidacies.CountAsync(c => c.CentreId == centre.Id, ct);
            if (candidacies == 0)
            {
                db.ExamCentres.Remove(centre);
                audit.Record($"Centre d'examen supprimé (capacité {centre.Capacity})", CompetitionAudit.Centre, Numbers.Show(centre.Id), $"{competition.Code} – {centre.Name}");
                try
                {
                    await db.SaveChangesAsync(ct);
                    return (true, $"Centre « {centre.Name} » supprimé.");
                }
                catch (DbUpdateException saving) when (saving.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation })
                {
                    candidacies = await db.Candidacies.CountAsync(c => c.CentreId == centre.Id, ct); // a candidate chose it meanwhile
                }
            }

            return (false, $"Le centre « {centre.Name} » ne peut pas être supprimé : {(candidacies == 1 ? "1 candidature l'a choisi" : $"{candidacies} candidatures l'ont choisi")}. " +
                "Réduisez plutôt sa capacité au nombre de places prises.");
        }
    }
}
