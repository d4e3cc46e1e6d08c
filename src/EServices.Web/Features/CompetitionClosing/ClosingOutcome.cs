using EServices.Web.Competitions;

namespace EServices.Web.Features.CompetitionClosing;

/// <summary>What an action after closing came to, told on the competition's closing page.</summary>
public sealed record ClosingOutcome(bool Done, string Message)
{
    public static ClosingOutcome Refused(string message) => new(false, message);

    /// <summary>A request handed to the background job.</summary>
    public static ClosingOutcome Started(string work) =>
        new(true, $"{work} est lancée : elle se poursuit en arrière-plan. Actualisez cette page pour en suivre l'avancement.");

    /// <summary>Why nothing can be done yet on a competition that is still open; null once it is closed.</summary>
    public static ClosingOutcome? StillOpen(Competition competition, DateTimeOffset now) => competition.IsClosed(now) ? null
        : Refused($"Les inscriptions à ce concours sont ouvertes jusqu'au {OuagadougouTime.Format(competition.ClosesAt)} : rien ne peut être fait avant leur clôture.");
}
