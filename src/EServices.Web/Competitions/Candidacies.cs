using EServices.Web.Data.Configurations;
using Npgsql;

namespace EServices.Web.Competitions;

/// <summary>
/// A candidate's applications to competitions. The rules that must hold under concurrency and across nodes are kept by
/// PostgreSQL, not by reading first: one application per CNIB per competition (a unique index), a centre within its
/// capacity (a trigger and a check constraint), a maximum per session (counted under the candidate's own lock).
/// </summary>
public sealed class Candidacies(AppDbContext db, TimeProvider clock)
{
    /// <summary>First key of the candidate's transaction lock (the second is their id's hash).</summary>
    private const int CandidateLock = 18_001;

    public sealed record Start(Guid? RequestId, string? Refusal);

    /// <summary>Opens the candidate's application to a competition, or gives back the one already started.</summary>
    public Task<Start> StartAsync(int competitionId, string applicantId, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var competition = await db.Competitions.Include(c => c.Session).ThenInclude(s => s.Procedure)
                .SingleOrDefaultAsync(c => c.Id == competitionId, token);
            var now = clock.GetUtcNow();
            if (competition is null)
            {
                return new Start(null, "Ce concours n'existe pas.");
            }

            if (WindowRefusal(competition, now) is { } refusal)
            {
                return new Start(null, refusal);
            }

            if (!competition.Session.Procedure.IsOnline)
            {
                return new Start(null, "Les inscriptions en ligne aux concours sont suspendues pour le moment. Réessayez plus tard.");
            }

            // Two tabs of one candidate take turns here, so that together they cannot pass the session's maximum.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CandidateLock}, hashtext({applicantId}))", token);
            var existing = await db.Candidacies.Where(c => c.ApplicantId == applicantId && c.CompetitionId == competitionId)
                .Select(c => (Guid?)c.RequestId).FirstOrDefaultAsync(token);
            if (existing is not null)
            {
                return new Start(existing, null);
            }

            var session = competition.Session;
            var count = await db.Candidacies.CountAsync(c => c.ApplicantId == applicantId && c.Competition.SessionId == session.Id, token);
            if (count >= session.MaxApplicationsPerCandidate)
            {
                return new Start(null, $"Vous avez déjà {count} candidature{(count > 1 ? "s" : "")} dans la session « {session.Name} », "
                    + $"le maximum permis. Supprimez un brouillon dans « Mes demandes » pour postuler à ce concours.");
            }

            var draft = Request.StartDraft(session.Procedure, applicantId, now);
            var answers = draft.ReadAnswers();
            answers.Set("concours", competition.Title);
            draft.SaveAnswers(answers, 0, now);
            db.Requests.Add(draft);
            db.Candidacies.Add(new Candidacy
            {
                RequestId = draft.Id,
                CompetitionId = competition.Id,
                ApplicantId = applicantId,
                CreatedAt = now,
                UpdatedAt = now,
            });
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return new Start(draft.Id, null);
        }, ct);

    /// <summary>Why a candidate cannot apply to, or change an application to, this competition now; null while it is open.
    /// The server's clock decides, to the second.</summary>
    public static string? WindowRefusal(Competition competition, DateTimeOffset now) =>
        now < competition.OpensAt ? $"Les inscriptions à ce concours ouvrent le {OuagadougouTime.Format(competition.OpensAt)}."
        : competition.IsClosed(now) ? $"Les inscriptions à ce concours sont closes depuis le {OuagadougouTime.Format(competition.ClosesAt)}."
        : null;

    /// <summary>The conditions the candidate's answers do not meet.</summary>
    public static IReadOnlyList<Ineligibility> Check(Competition competition, FormAnswers answers) =>
        Eligibility.Check(competition, new CandidateFacts(
            FieldRules.TryDate(answers.Get("date_naissance") ?? "", out var born) ? born : null,
            answers.Get("nationalite"),
            answers.Get("diplome")));

    /// <summary>What the database refused, told to the candidate; null for any other failure.</summary>
    public static string? Conflict(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CandidacyIndexes.OnePerCnib } =>
            "Une candidature à ce concours existe déjà pour ce numéro de CNIB. Si ce n'est pas vous qui l'avez faite, adressez-vous à l'AGRE avec votre CNIB.",
        PostgresException { SqlState: PostgresErrorCodes.CheckViolation, ConstraintName: CandidacyIndexes.CentreFull } =>
            "Ce centre vient d'être complet : choisissez-en un autre.",
        _ => null,
    };
}

/// <summary>Dates and times as candidates read them: Burkina Faso's time (UTC all year, but named so that a server set to
/// another zone prints the right hour).</summary>
public static class OuagadougouTime
{
    // A machine without time-zone data (a slim container) still prints the right hour: Burkina Faso keeps UTC all year.
    private static readonly TimeZoneInfo Zone =
        TimeZoneInfo.TryFindSystemTimeZoneById("Africa/Ouagadougou", out var zone) ? zone : TimeZoneInfo.Utc;

    public static DateTime Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    public static string Format(DateTimeOffset at) =>
        Local(at).ToString("dd/MM/yyyy 'à' HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
