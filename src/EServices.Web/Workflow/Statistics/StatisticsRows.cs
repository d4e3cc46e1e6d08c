namespace EServices.Web.Workflow.Statistics;

/// <summary>The decree's list: procedures online (published and not closed) out of those listed, for the ministry
/// and per service in scope.</summary>
public sealed record DecreeProgress(int Online, int Listed, IReadOnlyList<DecreeProgressRow> ByService);

public sealed class DecreeProgressRow
{
    public int ServiceId { get; init; }
    public required string ServiceCode { get; init; }
    public required string ServiceName { get; init; }
    public int Online { get; init; }
    public int Listed { get; init; }
}

/// <summary>The fees one service collected over the period: how many payments count, and their total in francs CFA.</summary>
public sealed class CollectedRow
{
    public int ServiceId { get; init; }
    public required string ServiceCode { get; init; }
    public required string ServiceName { get; init; }
    public int Payments { get; init; }
    public long Amount { get; init; }
}

/// <summary>Requests filed and decided in one week (Monday to Sunday, cut to the period).</summary>
public sealed class WeekCount
{
    public DateOnly WeekStart { get; init; }
    public int Filed { get; init; }
    public int Decided { get; init; }
}

/// <summary>One line of the statistics, for a procedure or for a whole service (then the procedure columns are null).
/// Counts over the period except the last three, which are the situation today.</summary>
public sealed class StatisticsRow
{
    public int ServiceId { get; init; }
    public required string ServiceCode { get; init; }
    public required string ServiceName { get; init; }
    public int? ProcedureId { get; init; }
    public string? ProcedureTitle { get; init; }
    public int? TargetDelayDays { get; init; }

    public int Filed { get; init; }

    /// <summary>Accepted, rejected and closed without follow-up.</summary>
    public int Decided { get; init; }

    public int Accepted { get; init; }
    public int Rejected { get; init; }

    /// <summary>Processing time in working days of the accepted and rejected requests, waiting on the applicant excluded.</summary>
    public double? MedianDays { get; init; }

    public double? NinetiethPercentileDays { get; init; }

    /// <summary>The accepted and rejected requests whose delay is measured, and those decided by their due date.</summary>
    public int Timed { get; init; }

    public int OnTime { get; init; }

    /// <summary>Submitted or under review: with the administration now.</summary>
    public int Backlog { get; init; }

    /// <summary>Waiting on the applicant for a correction: the clock is paused.</summary>
    public int Waiting { get; init; }

    public int Overdue { get; init; }

    /// <summary>Share decided within the target delay, in percent, rounded to one decimal; null when nothing was decided.</summary>
    public double? OnTimePercent => Timed == 0 ? null : Math.Round(100.0 * OnTime / Timed, 1);
}
