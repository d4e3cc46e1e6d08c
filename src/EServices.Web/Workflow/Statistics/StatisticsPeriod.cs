namespace EServices.Web.Workflow.Statistics;

/// <summary>The days the figures cover, both included, and the service chosen (null: every service in scope).</summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To, int? ServiceId);
