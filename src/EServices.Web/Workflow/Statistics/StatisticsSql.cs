using static EServices.Web.Domain.Requests.RequestStates;

namespace EServices.Web.Workflow.Statistics;

/// <summary>The statistics SQL, one query per table of the dashboard (the public delays read <see cref="ByProcedure"/>). Parameters: <c>@from</c>, <c>@to</c> (dates, both included),
/// <c>@today</c>, <c>@services</c> (the service ids in scope) and <c>@holidays</c>.
/// Dates are taken in UTC, Ouagadougou's time, as the rest of the portal does.</summary>
public static class StatisticsSql
{
    /// <summary>The requests that count: filed for real (no drafts, no test filings) in a service in scope, and touched by the
    /// period or still open. The processing time is measured only for the accepted and rejected requests decided in the
    /// period: a request closed while it waited on the applicant has not had its waiting days counted.</summary>
    private static readonly string Facts = $"""
        facts AS (
            SELECT p.id AS procedure_id, p.service_id, r.status, r.due_on,
                   (r.submitted_at AT TIME ZONE 'UTC')::date AS filed_on,
                   (r.decided_at AT TIME ZONE 'UTC')::date AS decided_on,
                   CASE WHEN {SqlIn(Decided, "r.status")} AND (r.decided_at AT TIME ZONE 'UTC')::date BETWEEN @from AND @to
                        THEN {WorkingDaysSql.Between("(r.submitted_at AT TIME ZONE 'UTC')::date", "(r.decided_at AT TIME ZONE 'UTC')::date")} - r.paused_working_days
                   END AS working_days
            FROM requests r
            JOIN procedures p ON p.id = r.procedure_id
            WHERE r.status <> {Sql(RequestStatus.Draft)} AND NOT r.is_test AND r.submitted_at IS NOT NULL
              AND p.service_id = ANY(@services)
              AND ((r.submitted_at AT TIME ZONE 'UTC')::date BETWEEN @from AND @to
                   OR (r.decided_at AT TIME ZONE 'UTC')::date BETWEEN @from AND @to
                   OR {SqlIn(Open, "r.status")})
        )
        """;

    /// <summary>The figures of one group of facts; percentile_cont interpolates between the two middle values.</summary>
    private static readonly string Figures = $"""
        count(f.procedure_id) FILTER (WHERE f.filed_on BETWEEN @from AND @to)::int AS filed,
        count(f.procedure_id) FILTER (WHERE f.decided_on BETWEEN @from AND @to)::int AS decided,
        count(f.procedure_id) FILTER (WHERE f.decided_on BETWEEN @from AND @to AND f.status = {Sql(RequestStatus.Accepted)})::int AS accepted,
        count(f.procedure_id) FILTER (WHERE f.decided_on BETWEEN @from AND @to AND f.status = {Sql(RequestStatus.Rejected)})::int AS rejected,
        round((percentile_cont(0.5) WITHIN GROUP (ORDER BY f.working_days))::numeric, 1)::float8 AS median_days,
        round((percentile_cont(0.9) WITHIN GROUP (ORDER BY f.working_days))::numeric, 1)::float8 AS ninetieth_percentile_days,
        count(f.working_days)::int AS timed,
        count(f.working_days) FILTER (WHERE f.decided_on <= f.due_on)::int AS on_time,
        count(f.procedure_id) FILTER (WHERE {SqlIn(WithAdministration, "f.status")})::int AS backlog,
        count(f.procedure_id) FILTER (WHERE f.status = {Sql(RequestStatus.CorrectionRequested)})::int AS waiting,
        count(f.procedure_id) FILTER (WHERE {SqlIsOverdue("f", "@today")})::int AS overdue
        """;

    /// <summary>One line per procedure that is online or has requests in the figures.</summary>
    public static readonly string ByProcedure = $"""
        WITH {Facts}
        SELECT s.id AS service_id, s.code AS service_code, s.name AS service_name,
               p.id AS procedure_id, p.title AS procedure_title, p.target_delay_days,
               {Figures}
        FROM procedures p
        JOIN services s ON s.id = p.service_id
        LEFT JOIN facts f ON f.procedure_id = p.id
        WHERE p.service_id = ANY(@services)
        GROUP BY s.id, p.id
        HAVING p.published_form_version_id IS NOT NULL OR count(f.procedure_id) > 0
        ORDER BY s.code, p.title
        """;

    /// <summary>One line per service in scope; its percentiles are over all its requests, not an average of its procedures'.</summary>
    public static readonly string ByService = $"""
        WITH {Facts}
        SELECT s.id AS service_id, s.code AS service_code, s.name AS service_name,
               NULL::int AS procedure_id, NULL::text AS procedure_title, NULL::int AS target_delay_days,
               {Figures}
        FROM services s
        LEFT JOIN facts f ON f.service_id = s.id
        WHERE s.id = ANY(@services)
        GROUP BY s.id
        ORDER BY s.code
        """;

    /// <summary>Filed and decided (accepted, rejected or closed) per week of the period, weeks without any included.</summary>
    public static readonly string Weeks = $"""
        WITH {Facts},
        weeks AS (
            SELECT w::date AS week_start
            FROM generate_series(date_trunc('week', @from::timestamp), @to::timestamp, interval '7 days') AS w
        ),
        filed AS (
            SELECT date_trunc('week', filed_on::timestamp)::date AS week_start, count(*) AS n
            FROM facts WHERE filed_on BETWEEN @from AND @to GROUP BY 1
        ),
        decided AS (
            SELECT date_trunc('week', decided_on::timestamp)::date AS week_start, count(*) AS n
            FROM facts WHERE decided_on BETWEEN @from AND @to GROUP BY 1
        )
        SELECT w.week_start, coalesce(filed.n, 0)::int AS filed, coalesce(decided.n, 0)::int AS decided
        FROM weeks w
        LEFT JOIN filed USING (week_start)
        LEFT JOIN decided USING (week_start)
        ORDER BY w.week_start
        """;

    /// <summary>The fees collected per service in scope: payments confirmed in the period that count for a request (not
    /// flagged for refund or for a wrong amount), test requests left out.</summary>
    public const string Collected = """
        SELECT s.id AS service_id, s.code AS service_code, s.name AS service_name,
               count(pay.id)::int AS payments, coalesce(sum(pay.amount), 0)::bigint AS amount
        FROM services s
        LEFT JOIN payments pay ON pay.service_id = s.id AND pay.status = 'Paid' AND pay.flag = 'None'
             AND (pay.paid_at AT TIME ZONE 'UTC')::date BETWEEN @from AND @to
             AND NOT EXISTS (SELECT 1 FROM requests r WHERE r.id = pay.request_id AND r.is_test)
        WHERE s.id = ANY(@services)
        GROUP BY s.id
        ORDER BY s.code
        """;

    /// <summary>The decree's progress for every service: the whole ministry's total is their sum.</summary>
    public const string Decree = """
        SELECT s.id AS service_id, s.code AS service_code, s.name AS service_name,
               count(p.id) FILTER (WHERE p.published_form_version_id IS NOT NULL AND p.closed_at IS NULL)::int AS online,
               count(p.id)::int AS listed
        FROM services s
        LEFT JOIN procedures p ON p.service_id = s.id
        GROUP BY s.id
        ORDER BY s.code
        """;
}
