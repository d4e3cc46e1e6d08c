using System.Linq.Expressions;

namespace EServices.Web.Domain.Requests;

/// <summary>
/// The groups of workflow states the portal reasons about, in one place: as sets, as expressions EF Core translates,
/// and as the SQL the hand-written queries and the partial indexes use. Every status is a draft, open or closed.
/// </summary>
public static class RequestStates
{
    /// <summary>Filed and not closed yet: the administration's turn or the applicant's.</summary>
    public static readonly RequestStatus[] Open = [RequestStatus.Submitted, RequestStatus.UnderReview, RequestStatus.CorrectionRequested];

    /// <summary>The open states in which the administration has to act: its clock runs, so the request can be late.</summary>
    public static readonly RequestStatus[] WithAdministration = [RequestStatus.Submitted, RequestStatus.UnderReview];

    /// <summary>Finished (the inbox's "traitées"): the decision time is set and nothing can move the request any more.</summary>
    public static readonly RequestStatus[] Closed = [RequestStatus.Accepted, RequestStatus.Rejected, RequestStatus.ClosedWithoutFollowUp];

    /// <summary>Closed by a decision on the merits, which gives a document (certificate or refusal letter) and counts
    /// in the processing times; a closure without follow-up does not.</summary>
    public static readonly RequestStatus[] Decided = [RequestStatus.Accepted, RequestStatus.Rejected];

    public static readonly Expression<Func<Request, bool>> IsClosed = r => Closed.Contains(r.Status);

    /// <summary>The due date has passed while the request is with the administration.</summary>
    public static Expression<Func<Request, bool>> IsOverdue(DateOnly today) =>
        r => WithAdministration.Contains(r.Status) && r.DueOn < today; // IN (…), not OR: an index condition

    /// <summary><see cref="IsOverdue(DateOnly)"/> for a request already read (a page row, an entity).</summary>
    public static bool IsOverdue(RequestStatus status, DateOnly? dueOn, DateOnly today) =>
        WithAdministration.Contains(status) && dueOn < today;

    /// <summary>A status as a SQL literal: the name that the string conversion of <c>requests.status</c> stores.</summary>
    public static string Sql(RequestStatus status) => $"'{status}'";

    /// <summary><c>column IN ('…', '…')</c> for a set of statuses.</summary>
    public static string SqlIn(IEnumerable<RequestStatus> statuses, string column = "status") =>
        $"{column} IN ({string.Join(", ", statuses.Select(Sql))})";

    /// <summary><see cref="IsOverdue(DateOnly)"/> in SQL, on the <c>status</c> and <c>due_on</c> columns of <paramref name="table"/>.</summary>
    public static string SqlIsOverdue(string table, string today) =>
        $"{SqlIn(WithAdministration, $"{table}.status")} AND {table}.due_on < {today}";
}
