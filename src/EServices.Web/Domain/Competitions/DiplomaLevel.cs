namespace EServices.Web.Domain.Competitions;

/// <summary>The diploma levels a competition can require, lowest first; the values of the registration form's
/// « diplome » choice. A CAP or BEP counts as the BEPC level; « autre » has no level and is left to AGRE's check.</summary>
public enum DiplomaLevel
{
    Cep = 1,
    Bepc = 2,
    Baccalaureat = 3,
    BacPlus2 = 4,
    Licence = 5,
    Master = 6,
    Doctorat = 7,
}

public static class DiplomaLevels
{
    public static readonly IReadOnlyList<DiplomaLevel> All = Enum.GetValues<DiplomaLevel>();

    public static string Label(this DiplomaLevel level) => level switch
    {
        DiplomaLevel.Cep => "CEP",
        DiplomaLevel.Bepc => "BEPC (ou CAP, BEP)",
        DiplomaLevel.Baccalaureat => "Baccalauréat",
        DiplomaLevel.BacPlus2 => "BTS, DUT ou équivalent (bac + 2)",
        DiplomaLevel.Licence => "Licence (bac + 3)",
        DiplomaLevel.Master => "Master ou diplôme d'ingénieur (bac + 5)",
        DiplomaLevel.Doctorat => "Doctorat",
        _ => level.ToString(),
    };

    /// <summary>The level of an answer to the form's « diplome » choice; null for « autre » or an unknown value.</summary>
    public static DiplomaLevel? FromAnswer(string? answer) => answer switch
    {
        "cepe" => DiplomaLevel.Cep,
        "bepc" or "cap-bep" => DiplomaLevel.Bepc,
        "baccalaureat" => DiplomaLevel.Baccalaureat,
        "bts-dut" => DiplomaLevel.BacPlus2,
        "licence" => DiplomaLevel.Licence,
        "master" => DiplomaLevel.Master,
        "doctorat" => DiplomaLevel.Doctorat,
        _ => null,
    };
}
