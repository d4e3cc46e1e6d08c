using EServices.Web.Competitions;

namespace EServices.Web.Features.CompetitionResults;

/// <summary>What the competition's milestones allow, read under its lock (<see cref="CompetitionLock"/>): results are
/// imported once the candidates are numbered, and neither imported again nor published twice once published.</summary>
public static class ResultsLock
{
    public static string? Refusal(Competition competition) =>
        competition.NumberedAt is null ? "Les candidats de ce concours n'ont pas encore de numéro de table : importez les résultats après la numérotation."
        : competition.ResultsPublishedAt is not null ? "Les résultats de ce concours sont publiés : la liste des admis ne peut plus changer."
        : null;
}
