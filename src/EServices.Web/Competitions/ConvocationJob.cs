using System.Globalization;
using EServices.Web.Documents;
using EServices.Web.Infrastructure.Sms;

namespace EServices.Web.Competitions;

/// <summary>
/// Produces the convocations AGRE asked for (<see cref="Competition.ConvocationsRequestedAt"/>), a batch a pass
/// (Convocations:BatchSize): numbered candidacies without a convocation are claimed with FOR UPDATE SKIP LOCKED, so every
/// node may run the job, and each batch is one transaction: its documents, the candidacies' <see cref="Candidacy.ConvocationId"/>
/// and the SMS are saved together or not at all. A crash loses at most the batch in hand, which the next pass takes again
/// (the marker is still null): no convocation twice, none missing. Memory stays one batch whatever the number of candidates:
/// each pass has a scope of its own, reads without tracking and never lists more than its batch.
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
        // The partial index ix_candidacies_convocation_due holds exactly these rows, per competition.
        var claimed = await db.Database.SqlQuery<Guid>($"""
            SELECT c.request_id AS "Value" FROM candidacies c
            WHERE c.exam_number IS NOT NULL AND c.convocation_id IS NULL
              AND c.competition_id IN (SELECT id FROM competitions WHERE convocations_requested_at IS NOT NULL)
            LIMIT {BatchSize} FOR UPDATE OF c SKIP LOCKED
            """).ToListAsync(ct);
        if (claimed.Count == 0)
        {
            return false;
        }

        var batch = await db.Candidacies.AsNoTracking()
            .Where(c => claimed.Contains(c.RequestId))
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
        var documents = new Guid[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var due = batch[i];
            var holder = due.CandidateName ?? due.ApplicantName ?? "";
            var examAt = OuagadougouTime.Format(due.ExamAt);
            documents[i] = issue.Add(due.RequestId, new SignedFacts(DocumentKind.Convocation, due.ExamNumber, holder, today), due.Title, now,
                check => ConvocationPdf.Render(new ConvocationContent(
                    due.ServiceName, due.Title, due.Corps, holder, due.BirthDate, due.ExamNumber, due.Centre ?? "", due.Room, due.Seat, examAt, check))).Id;
            // The account's confirmed number, else the one the candidate gave in the form.
            var phone = phones.GetValueOrDefault(due.ApplicantId) ?? FormAnswers.Parse(due.Answers).Get("telephone");
            sms.Enqueue(phone, Sms(due, examAt, links.ShortRequest(due.RequestNumber ?? "")), SmsKind.Notice, due.RequestId);
        }

        await db.SaveChangesAsync(ct);
        var requests = batch.Select(d => d.RequestId).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE candidacies c SET convocation_id = v.document
            FROM unnest({requests}, {documents}) AS v(request, document) WHERE c.request_id = v.request
            """, ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear(); // the batch's PDFs go with it
        return claimed.Count == BatchSize;
    }

    /// <summary>One SMS (160 characters) in most cases: a long title is cut, the rest is what the candidate needs on the day.</summary>
    private static string Sms(Due due, string examAt, string link)
    {
        var title = due.Title.Length <= 30 ? due.Title : due.Title[..29].TrimEnd() + ".";
        return string.Create(CultureInfo.InvariantCulture,
            $"Convocation {title} : table {due.ExamNumber}, {due.Centre} salle {due.Room} place {due.Seat}, le {examAt}. À télécharger : {link}");
    }
}
