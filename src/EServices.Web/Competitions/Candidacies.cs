using EServices.Web.Data.Configurations;
using Npgsql;

namespace EServices.Web.Competitions;

/// <summary>
/// A candidate's applications to competitions. The rules that must hold under concurrency and across nodes are kept by
/// PostgreSQL, not by reading first: one application per CNIB per competition (a unique index), a centre within its
/// capacity (a trigger and a check constraint), a maximum per session (counted under the candidate's own lock, and per
/// CNIB under the CNIB's). A draft holds neither its CNIB nor its seat (anybody could block other people's numbers or
/// fill a centre without paying): « Payer et déposer » takes both (<see cref="HoldAsync"/>), a rejection or a closing
/// gives them back (the trigger requests_release_candidacy of the ReleaseUnheldCandidacies migration).
/// </summary>
public sealed class Candidacies(AppDbContext db, TimeProvider clock)
{
    /// <summary>First key of the candidate's transaction lock (the second is their id's hash).</summary>
    private const int CandidateLock = 18_001;

    /// <summary>First key of a CNIB's transaction lock within a session (the second is the hash of both).</summary>
    private const int CnibLock = 18_002;

    public const string CnibTaken =
        "Une candidature à ce concours existe déjà pour ce numéro de CNIB. Si ce n'est pas vous qui l'avez faite, adressez-vous à l'AGRE avec votre CNIB.";

    public const string CentreTaken = "Ce centre est complet : choisissez-en un autre.";

    /// <summary>Taken, or why not (and whether it is the centre, to choose another).</summary>
    public sealed record Hold(string? Refusal = null, bool CentreFull = false);

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

    /// <summary>A CNIB number as typed, in the form the candidacies hold it (the form's own normalisation of its CNIB fields).</summary>
    public static string NormaliseCnib(string? typed) => FieldKinds.Of(FieldType.Cnib).Normalise((typed ?? "").Trim());

    /// <summary>Whether an application of another account already holds this CNIB in the competition: a read for the identity
    /// step, told at once; the unique index decides at « Payer et déposer ».</summary>
    public Task<bool> CnibHeldAsync(Candidacy candidacy, string cnib, CancellationToken ct) =>
        db.Candidacies.AnyAsync(c => c.CompetitionId == candidacy.CompetitionId && c.Cnib == cnib && c.RequestId != candidacy.RequestId, ct);

    /// <summary>
    /// « Payer et déposer » holds the CNIB and the centre's seat for the application, in the caller's transaction and under
    /// its request's lock: the session's maximum counted per CNIB (any account) under a lock of that CNIB in the session,
    /// so that two nodes cannot both pass; then the unique index and the centre's trigger decide.
    /// </summary>
    public async Task<Hold> HoldAsync(Candidacy candidacy, string? cnib, ExamCentre centre, CancellationToken ct)
    {
        var session = candidacy.Competition.Session;
        var held = 0;
        if (cnib is not null)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({CnibLock}, hashtext({$"{session.Id}:{cnib}"}))", ct);
            held = await db.Candidacies.CountAsync(c => c.Cnib == cnib && c.Competition.SessionId == session.Id && c.RequestId != candidacy.RequestId, ct);
        }

        if (held >= session.MaxApplicationsPerCandidate)
        {
            return new Hold($"Le numéro de CNIB {cnib} a déjà {held} candidature{(held > 1 ? "s" : "")} déposée{(held > 1 ? "s" : "")} dans la session "
                + $"« {session.Name} », le maximum permis par candidat. Si ce n'est pas vous qui les avez faites, adressez-vous à l'AGRE avec votre CNIB.");
        }

        candidacy.Cnib = cnib;
        candidacy.CentreId = centre.Id;
        candidacy.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
            return new Hold();
        }
        catch (DbUpdateException e) when (Conflict(e) is { } conflict)
        {
            var full = e.InnerException is PostgresException { ConstraintName: CandidacyIndexes.CentreFull };
            return new Hold(full ? CentreTaken : conflict, full);
        }
    }

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
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: CandidacyIndexes.OnePerCnib } => CnibTaken,
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
