namespace EServices.Web.Domain.Competitions;

/// <summary>What the candidate declared that the competition's conditions read.</summary>
public sealed record CandidateFacts(DateOnly? BirthDate, string? Nationality, string? Diploma);

/// <summary>One condition the candidate does not meet: the form field it concerns and the reason, in French.</summary>
public sealed record Ineligibility(string Field, string Reason);

/// <summary>The competition's conditions applied to a candidate's answers. Checked on the server at every step and again
/// before paying: an ineligible candidate is told why before any money moves.</summary>
public static class Eligibility
{
    public static IReadOnlyList<Ineligibility> Check(Competition competition, CandidateFacts candidate)
    {
        var reasons = new List<Ineligibility>();
        if (candidate.BirthDate is { } born)
        {
            var on = competition.AgeReferenceDate;
            var age = AgeOn(born, on);
            var date = FieldRules.FormatDate(on);
            if (competition.MinimumAge is { } min && age < min)
            {
                reasons.Add(new("date_naissance", $"Vous aurez {Years(age)} au {date} : ce concours demande au moins {Years(min)} à cette date."));
            }

            if (competition.MaximumAge is { } max && age > max)
            {
                reasons.Add(new("date_naissance", $"Vous aurez {Years(age)} au {date} : ce concours est ouvert jusqu'à {Years(max)} à cette date."));
            }
        }

        if (competition.BurkinabeOnly && candidate.Nationality is { } nationality && nationality != Competition.Burkinabe)
        {
            reasons.Add(new("nationalite", "Ce concours est réservé aux candidats de nationalité burkinabè."));
        }

        if (candidate.Diploma is { } diploma && diploma != "autre"
            && DiplomaLevels.FromAnswer(diploma) is { } level && level < competition.MinimumDiploma)
        {
            reasons.Add(new("diplome", $"Ce concours demande au moins le niveau « {competition.MinimumDiploma.Label()} » ; le diplôme déclaré est de niveau « {level.Label()} »."));
        }

        return reasons;
    }

    /// <summary>Full years between the birth date and the reference date (born on 29 February: a year is complete on
    /// 28 February of a common year, as the civil registry counts).</summary>
    public static int AgeOn(DateOnly born, DateOnly on)
    {
        var age = on.Year - born.Year;
        return born.AddYears(age) > on ? age - 1 : age;
    }

    private static string Years(int n) => n == 1 ? "1 an" : $"{n} ans";
}
