namespace EServices.Web.Features.CompetitionClosing;

/// <summary>The applications of a competition by state, as AGRE counts them after closing.</summary>
/// <param name="AcceptedUnnumbered">Accepted, with a centre, without an exam number: the numbering's work.</param>
public sealed record ApplicationCounts(
    int Submitted, int UnderReview, int CorrectionRequested, int Accepted, int Rejected, int ClosedWithoutFollowUp, int Drafts, int AwaitingPayment, int Numbered,
    int AcceptedUnnumbered)
{
    /// <summary>Still waiting for a decision: numbering waits for them.</summary>
    public int Pending => Submitted + UnderReview + CorrectionRequested;
}

/// <summary>The competition's page after closing: <see cref="Closed"/> false before, with nothing to do yet.</summary>
public sealed record ClosingView(
    int Id, string Code, string Title, int SessionId, string SessionName, DateTimeOffset ClosesAt, bool Closed, ApplicationCounts Counts,
    DateTimeOffset? NumberedAt, DateTimeOffset? ConvocationsRequestedAt, DateTimeOffset? ResultsImportedAt, DateTimeOffset? ResultsPublishedAt,
    DateTimeOffset? ValidationRequestedAt, DateTimeOffset? NumberingRequestedAt)
{
    /// <summary>The background job has this competition's validation or numbering in hand.</summary>
    public bool Working => ValidationRequestedAt is not null || NumberingRequestedAt is not null;

    /// <summary>After the numbering, applications filed late (a payment confirmed after it) have no number.</summary>
    public int Latecomers => NumberedAt is null ? 0 : Counts.Pending + Counts.AcceptedUnnumbered;
}

public static class ClosingPage
{
    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<ClosingView?> HandleAsync(int id, CancellationToken ct)
        {
            var competition = await db.Competitions.AsNoTracking().Include(c => c.Session).FirstOrDefaultAsync(c => c.Id == id, ct);
            if (competition is null)
            {
                return null;
            }

            var closed = competition.IsClosed(clock.GetUtcNow());
            var counts = closed ? await CountAsync(id, ct) : new ApplicationCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
            return new ClosingView(competition.Id, competition.Code, competition.Title, competition.SessionId, competition.Session.Name, competition.ClosesAt,
                closed, counts, competition.NumberedAt, competition.ConvocationsRequestedAt, competition.ResultsImportedAt, competition.ResultsPublishedAt,
                competition.ValidationRequestedAt, competition.NumberingRequestedAt);
        }

        private async Task<ApplicationCounts> CountAsync(int id, CancellationToken ct)
        {
            var applications = db.Candidacies.AsNoTracking().Where(c => c.CompetitionId == id);
            var groups = await applications
                .GroupBy(c => new { c.Request.Status, Awaiting = c.Request.AwaitingPaymentSince != null, Numbered = c.ExamNumber != null, Seatable = c.CentreId != null })
                .Select(g => new { g.Key.Status, g.Key.Awaiting, g.Key.Numbered, g.Key.Seatable, Count = g.Count() })
                .ToListAsync(ct);
            int Of(RequestStatus status, bool awaiting = false) => groups.Where(g => g.Status == status && g.Awaiting == awaiting).Sum(g => g.Count);
            return new ApplicationCounts(
                Of(RequestStatus.Submitted), Of(RequestStatus.UnderReview), Of(RequestStatus.CorrectionRequested), Of(RequestStatus.Accepted),
                Of(RequestStatus.Rejected), Of(RequestStatus.ClosedWithoutFollowUp), Of(RequestStatus.Draft), Of(RequestStatus.Draft, awaiting: true),
                groups.Where(g => g.Numbered).Sum(g => g.Count), groups.Where(g => g.Status == RequestStatus.Accepted && !g.Numbered && g.Seatable).Sum(g => g.Count));
        }
    }
}
