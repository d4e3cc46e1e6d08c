namespace EServices.Web.Domain.Competitions;

/// <summary>A session of direct competitions (« Concours directs, session 2027 ») run by AGRE: its competitions open and
/// close on their own dates; a candidate may apply to at most <see cref="MaxApplicationsPerCandidate"/> of them.</summary>
public sealed class CompetitionSession
{
    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The procedure whose requests the applications are (« Inscription à un concours direct »): its number series,
    /// its receipt, its payments and « Mes demandes » serve the competitions.</summary>
    public int ProcedureId { get; set; }

    public Procedure Procedure { get; set; } = null!;
    public int MaxApplicationsPerCandidate { get; set; } = 2;
    public DateTimeOffset CreatedAt { get; set; }
    public List<Competition> Competitions { get; set; } = [];
}
