namespace EServices.Web.Domain.Competitions;

/// <summary>A town where a competition's written exams are held. <see cref="Taken"/> is kept by the database (a trigger on
/// candidacies) and never exceeds <see cref="Capacity"/> (a check constraint): a full centre refuses the next candidate
/// whichever node serves them.</summary>
public sealed class ExamCentre
{
    public int Id { get; set; }
    public int CompetitionId { get; set; }
    public string Name { get; set; } = "";
    public int Capacity { get; set; }

    /// <summary>Seats per exam room, to number rooms and places after closing.</summary>
    public int RoomSize { get; set; } = 50;

    public int Taken { get; private set; }

    public int PlacesLeft => Math.Max(0, Capacity - Taken);
}
