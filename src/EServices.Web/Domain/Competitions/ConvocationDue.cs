namespace EServices.Web.Domain.Competitions;

/// <summary>A numbered candidate whose convocation AGRE has asked for and the job has not produced yet: the job's work list.
/// A narrow table of its own, so that producing a convocation deletes a row here instead of updating the candidacy (a wide
/// row with many indexes, rewritten whole at each update).</summary>
public sealed class ConvocationDue
{
    public int CompetitionId { get; set; }
    public Guid RequestId { get; set; }
}
