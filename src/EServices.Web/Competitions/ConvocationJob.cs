using System.Globalization;
using EServices.Web.Documents;
using EServices.Web.Infrastructure.Sms;

namespace EServices.Web.Competitions;

/// <summary>
/// Produces the convocations AGRE asked for (<see cref="Competition.ConvocationsRequestedAt"/>), a batch a pass
/// (Convocations:BatchSize): the work list is <see cref="ConvocationDue"/>, filled by <see cref="QueueAsync"/>; each pass
/// deletes a batch of its rows, claimed with FOR UPDATE SKIP LOCKED so that every node may run the job, and saves the
/// batch's documents and SMS in the same transaction: all or nothing. A crash loses at most the batch in hand, whose rows
/// come back with the rollback for the next pass: no convocation twice, none missing. Memory stays one batch whatever the
/// number of candidates: each pass has a scope of its own, reads without tracking and never lists more than its batch.
/// </summary>
public sealed class ConvocationJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<ConvocationJob> logger)
    : BackgroundJob(scopes, clock)
{
    public const string Section = "Convocations";

    private int BatchSize { get; } = Math.Max(1, configuration.GetValue($"{Section}:BatchSize", 200));

    protected override TimeSpan Period { get; } = configuration.GetValue($"{Section}:PollInterval", TimeSpan.FromSeconds(10));

    protected override void LogFailure(Exception failure) => logger.LogWarning(failure, "Convocation batch failed; will retry");

    private sealed record Due(
        Guid RequestId, string? RequestNumber, string ApplicantId, string? ApplicantName, string Answers, string ExamNumber, string? CandidateName,
        DateOnly? BirthDate, int? Room, int? Seat, string? Centre, string Title, string Corps, DateTimeOffset ExamAt, string ServiceName);

    protected override async Task<bool> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var issue = services.GetRequiredService<IssueCertificate>();
        var sms = services.GetRequiredService<SmsOutbox>();
        var links = services.GetRequiredService<PublicLinks>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.SqlQuery<Guid>($"""
            DELETE FROM convocations_due d USING (
                SELECT competition_id, request_id FROM convocations_due ORDER BY competition_id, request_id
                LIMIT {BatchSize} FOR UPDATE SKIP LOCKED) c
            WHERE d.competition_id = c.competition_id AND d.request_id = c.request_id
            RETURNING d.request_id AS "Value"
            """).ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return false;
        }

        var batch = await db.Candidacies.AsNoTracking()
            .Where(c => claimed.Contains(c.RequestId) && c.ExamNumber != null)
            .Select(c => new Due(
                c.RequestId, c.Request.Number, c.ApplicantId, c.Request.ApplicantName, c.Request.Answers, c.ExamNumber!, c.CandidateName,
                c.BirthDate, c.Room, c.Seat, c.Centre!.Name, c.Competition.Title, c.Competition.Corps, c.Competition.ExamAt,
                c.Competition.Session.Procedure.Service.Name))
            .ToListAsync(ct);
        var applicants = batch.Select(d => d.ApplicantId).Distinct().ToList();
        var phones = await db.Users.AsNoTracking()
            .Where(u => applicants.Contains(u.Id) && u.PhoneNumberConfirmed)
            .ToDictionaryAsync(u => u.Id, u => u.PhoneNumber, ct);

        var now = Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        foreach (var due in batch)
        {
            var holder = due.CandidateName ?? due.ApplicantName ?? "";
            var examAt = OuagadougouTime.Format(due.ExamAt);
            issue.Add(due.RequestId, new SignedFacts(DocumentKind.Convocation, due.ExamNumber, holder, today), due.Title, now,
                check => ConvocationPdf.Render(new ConvocationContent(
                    due.ServiceName, due.Title, due.Corps, holder, due.BirthDate, due.ExamNumber, due.Centre ?? "", due.Room, due.Seat, examAt, check)));
            // The account's confirmed number, else the one the candidate gave in the form.
            var phone = phones.GetValueOrDefault(due.ApplicantId) ?? FormAnswers.Parse(due.Answers).Get("telephone");
            sms.Enqueue(phone, Sms(due, examAt, links.ShortRequest(due.RequestNumber ?? "")), SmsKind.Notice, due.RequestId);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear(); // the batch's PDFs go with it
        return claimed.Count == BatchSize;
    }

    /// <summary>Puts on the work list a competition's numbered candidates who have no convocation and are not on it yet:
    /// all of them when AGRE asks, the latecomers numbered after that.</summary>
    public static Task<int> QueueAsync(AppDbContext db, int competitionId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"""
            INSERT INTO convocations_due (competition_id, request_id)
            SELECT c.competition_id, c.request_id FROM candidacies c
            WHERE c.competition_id = {competitionId} AND c.exam_number IS NOT NULL
              AND NOT EXISTS (SELECT 1 FROM issued_documents d WHERE d.request_id = c.request_id AND d.kind = {nameof(DocumentKind.Convocation)})
            ON CONFLICT DO NOTHING
            """, ct);

    /// <summary>One SMS (160 characters) in most cases: a long title is cut, the rest is what the candidate needs on the day.</summary>
    private static string Sms(Due due, string examAt, string link)
    {
        var title = due.Title.Length <= 30 ? due.Title : due.Title[..29].TrimEnd() + ".";
        return string.Create(CultureInfo.InvariantCulture,
            $"Convocation {title} : table {due.ExamNumber}, {due.Centre} salle {due.Room} place {due.Seat}, le {examAt}. À télécharger : {link}");
    }
}
