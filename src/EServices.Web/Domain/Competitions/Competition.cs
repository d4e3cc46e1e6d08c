namespace EServices.Web.Domain.Competitions;

/// <summary>One competition of a session: its conditions (diploma, age on a reference date, nationality), its fee, its
/// registration window (closing enforced by the server's clock, to the second) and its exam centres.</summary>
public sealed class Competition
{
    public const string Burkinabe = "burkinabe";

    public int Id { get; set; }
    public int SessionId { get; set; }
    public CompetitionSession Session { get; set; } = null!;

    /// <summary>The short name in addresses (/concours/adjoints-administratifs-2027): lowercase letters, digits, dashes.</summary>
    public string Code { get; set; } = "";

    public string Title { get; set; } = "";
    public string Corps { get; set; } = "";
    public string Job { get; set; } = "";
    public int Places { get; set; }
    public DiplomaLevel MinimumDiploma { get; set; }
    public int? MinimumAge { get; set; }
    public int? MaximumAge { get; set; }

    /// <summary>The date on which the age limits are read (usually 31 December of the session's year).</summary>
    public DateOnly AgeReferenceDate { get; set; }

    /// <summary>Open to Burkinabè candidates only (the general rule of the civil service statute).</summary>
    public bool BurkinabeOnly { get; set; } = true;

    /// <summary>The registration fee in whole francs; 0 for a free competition.</summary>
    public int FeeXof { get; set; }

    public DateTimeOffset OpensAt { get; set; }
    public DateTimeOffset ClosesAt { get; set; }

    /// <summary>The written exams' date and time, printed on the convocation.</summary>
    public DateTimeOffset ExamAt { get; set; }

    /// <summary>The file fields of the registration form this competition requires (<see cref="CompetitionDocuments"/>).</summary>
    public string[] RequiredDocuments { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    // The milestones after closing, in order; each is set once by AGRE's action and recorded in the audit log.

    /// <summary>AGRE asked for the bulk validation (by <see cref="ValidationRequestedBy"/>): the background job runs it and
    /// clears both. Null when nothing waits.</summary>
    public DateTimeOffset? ValidationRequestedAt { get; set; }

    public string? ValidationRequestedBy { get; set; }

    /// <summary>AGRE asked for the numbering (by <see cref="NumberingRequestedBy"/>), the first one or the latecomers':
    /// the background job runs it and clears both.</summary>
    public DateTimeOffset? NumberingRequestedAt { get; set; }

    public string? NumberingRequestedBy { get; set; }

    /// <summary>Exam numbers and seats given: the list of candidates is frozen.</summary>
    public DateTimeOffset? NumberedAt { get; set; }

    /// <summary>AGRE asked for the convocations: the background job produces those still missing.</summary>
    public DateTimeOffset? ConvocationsRequestedAt { get; set; }

    /// <summary>The list of admitted candidates was imported (it may be imported again until published).</summary>
    public DateTimeOffset? ResultsImportedAt { get; set; }

    public DateTimeOffset? ResultsPublishedAt { get; set; }

    public List<ExamCentre> Centres { get; set; } = [];

    public bool IsOpen(DateTimeOffset now) => OpensAt <= now && now < ClosesAt;

    public bool IsClosed(DateTimeOffset now) => now >= ClosesAt;
}

/// <summary>The documents a competition may require: file fields of the registration form.</summary>
public static class CompetitionDocuments
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["piece_cnib"] = "Copie de la CNIB",
        ["piece_diplome"] = "Copie du diplôme",
        ["piece_naissance"] = "Extrait d'acte de naissance",
        ["piece_nationalite"] = "Certificat de nationalité",
        ["piece_casier"] = "Extrait de casier judiciaire",
        ["piece_medical"] = "Certificat médical",
    };
}
