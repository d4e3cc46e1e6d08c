using EServices.Web.Competitions;

namespace EServices.Tests.Competitions;

/// <summary>The competitions' conditions as a candidate meets them (issue 18): age on the reference date, diploma level,
/// nationality, the registration window to the second, and the French a candidate reads.</summary>
public sealed class EligibilityTests
{
    private static readonly DateOnly Reference = new(2027, 12, 31);

    private static Competition Make(int? minAge = 18, int? maxAge = 35, DiplomaLevel diploma = DiplomaLevel.Bepc, bool burkinabeOnly = true) => new()
    {
        Title = "Adjoints administratifs", MinimumDiploma = diploma, BurkinabeOnly = burkinabeOnly,
        MinimumAge = minAge, MaximumAge = maxAge, AgeReferenceDate = Reference,
        OpensAt = new DateTimeOffset(2027, 3, 1, 8, 0, 0, TimeSpan.Zero), ClosesAt = new DateTimeOffset(2027, 3, 31, 23, 59, 59, TimeSpan.Zero),
    };

    private static IReadOnlyList<Ineligibility> Born(string date, Competition competition) =>
        Eligibility.Check(competition, new CandidateFacts(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Competition.Burkinabe, "bepc"));

    [Theory]
    [InlineData("2000-12-30", "2027-12-31", 27)] // birthday the day before the reference date
    [InlineData("2000-12-31", "2027-12-31", 27)] // on it
    [InlineData("2001-01-01", "2027-12-31", 26)] // the day after
    [InlineData("2000-06-15", "2027-06-14", 26)]
    [InlineData("2000-06-15", "2027-06-15", 27)]
    [InlineData("2004-02-29", "2022-02-27", 17)] // born on 29 February, common year: the year is complete on 28 February
    [InlineData("2004-02-29", "2022-02-28", 18)]
    [InlineData("2004-02-29", "2022-03-01", 18)]
    [InlineData("2004-02-29", "2024-02-28", 19)] // leap year: on 29 February
    [InlineData("2004-02-29", "2024-02-29", 20)]
    [InlineData("2027-12-31", "2027-12-31", 0)]
    public void Age_is_counted_in_full_years_on_the_reference_date(string born, string on, int age) =>
        Assert.Equal(age, Eligibility.AgeOn(DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2009-12-31", true)]  // 18 on the reference date itself: the minimum is inclusive
    [InlineData("2010-01-01", false)] // 18 the day after: too young
    [InlineData("1992-01-01", true)]  // 35 (36 only next day): the maximum is inclusive
    [InlineData("1991-12-31", false)] // 36 on the reference date
    public void Age_limits_are_inclusive_on_the_reference_date(string born, bool eligible) =>
        Assert.Equal(eligible, Born(born, Make()).Count == 0);

    [Fact]
    public void A_candidate_too_young_or_too_old_reads_their_age_the_limit_and_the_date_in_French()
    {
        var young = Assert.Single(Born("2010-01-01", Make()));
        Assert.Equal("date_naissance", young.Field);
        Assert.Equal("Vous aurez 17 ans au 31/12/2027 : ce concours demande au moins 18 ans à cette date.", young.Reason);

        var old = Assert.Single(Born("1991-12-31", Make()));
        Assert.Equal("date_naissance", old.Field);
        Assert.Equal("Vous aurez 36 ans au 31/12/2027 : ce concours est ouvert jusqu'à 35 ans à cette date.", old.Reason);

        Assert.Equal("Vous aurez 1 an au 31/12/2027 : ce concours demande au moins 2 ans à cette date.",
            Assert.Single(Born("2026-06-01", Make(minAge: 2))).Reason);
    }

    [Fact]
    public void Without_age_limits_any_birth_date_and_without_a_birth_date_no_age_is_refused()
    {
        Assert.Empty(Born("1940-01-01", Make(minAge: null, maxAge: null)));
        Assert.Empty(Born("2020-01-01", Make(minAge: null, maxAge: null)));
        Assert.Empty(Eligibility.Check(Make(), new CandidateFacts(null, null, null)));
    }

    [Theory]
    [InlineData("cepe", DiplomaLevel.Cep)]
    [InlineData("bepc", DiplomaLevel.Bepc)]
    [InlineData("cap-bep", DiplomaLevel.Bepc)]
    [InlineData("baccalaureat", DiplomaLevel.Baccalaureat)]
    [InlineData("bts-dut", DiplomaLevel.BacPlus2)]
    [InlineData("licence", DiplomaLevel.Licence)]
    [InlineData("master", DiplomaLevel.Master)]
    [InlineData("doctorat", DiplomaLevel.Doctorat)]
    [InlineData("autre", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("Licence", null)]
    [InlineData("licence ", null)]
    public void Each_value_of_the_forms_diploma_choice_has_its_level_and_autre_has_none(string? answer, DiplomaLevel? level) =>
        Assert.Equal(level, DiplomaLevels.FromAnswer(answer));

    [Theory]
    [InlineData("cepe", false)]
    [InlineData("bepc", true)]
    [InlineData("cap-bep", true)] // a CAP or BEP counts as the BEPC level
    [InlineData("baccalaureat", true)]
    [InlineData("bts-dut", true)]
    [InlineData("licence", true)]
    [InlineData("master", true)]
    [InlineData("doctorat", true)]
    [InlineData("autre", true)] // no level: left to AGRE's check, never refused here
    public void A_diploma_is_accepted_from_the_required_level_up(string diploma, bool eligible) =>
        Assert.Equal(eligible, Eligibility.Check(Make(), new CandidateFacts(null, null, diploma)).Count == 0);

    [Fact]
    public void Every_level_accepts_itself_and_above_and_refuses_below()
    {
        string[] answers = ["cepe", "bepc", "baccalaureat", "bts-dut", "licence", "master", "doctorat"];
        foreach (var required in DiplomaLevels.All)
        {
            foreach (var answer in answers)
            {
                var refused = Eligibility.Check(Make(diploma: required), new CandidateFacts(null, null, answer)).Count > 0;
                Assert.Equal(DiplomaLevels.FromAnswer(answer) < required, refused);
            }
        }
    }

    [Fact]
    public void A_diploma_below_the_level_is_refused_with_both_levels_named_in_French()
    {
        var reason = Assert.Single(Eligibility.Check(Make(diploma: DiplomaLevel.Licence), new CandidateFacts(null, null, "cap-bep")));

        Assert.Equal("diplome", reason.Field);
        Assert.Equal("Ce concours demande au moins le niveau « Licence (bac + 3) » ; le diplôme déclaré est de niveau « BEPC (ou CAP, BEP) ».", reason.Reason);
    }

    [Theory]
    [InlineData(true, "burkinabe", true)]
    [InlineData(true, "autre", false)]
    [InlineData(true, null, true)] // not answered yet: nothing to refuse
    [InlineData(false, "autre", true)]
    [InlineData(false, "burkinabe", true)]
    public void The_nationality_rule_applies_only_to_a_competition_reserved_to_Burkinabe(bool burkinabeOnly, string? nationality, bool eligible)
    {
        var reasons = Eligibility.Check(Make(burkinabeOnly: burkinabeOnly), new CandidateFacts(null, nationality, null));

        Assert.Equal(eligible, reasons.Count == 0);
        if (!eligible)
        {
            Assert.Equal(new Ineligibility("nationalite", "Ce concours est réservé aux candidats de nationalité burkinabè."), Assert.Single(reasons));
        }
    }

    [Fact]
    public void Every_condition_not_met_is_told_at_once_each_next_to_its_field()
    {
        var reasons = Eligibility.Check(Make(diploma: DiplomaLevel.Baccalaureat), new CandidateFacts(new DateOnly(1980, 5, 1), "autre", "bepc"));

        Assert.Equal(["date_naissance", "nationalite", "diplome"], reasons.Select(r => r.Field));
        Assert.Equal("Vous aurez 47 ans au 31/12/2027 : ce concours est ouvert jusqu'à 35 ans à cette date.", reasons[0].Reason);
    }

    [Fact]
    public void The_form_answers_are_read_for_the_check_in_either_date_format()
    {
        var answers = FormAnswers.Empty();
        answers.Set("date_naissance", "2010-01-01");
        answers.Set("nationalite", "autre");
        answers.Set("diplome", "cepe");
        Assert.Equal(["date_naissance", "nationalite", "diplome"], Candidacies.Check(Make(), answers).Select(r => r.Field));

        answers.Set("date_naissance", "31/12/2009");
        answers.Set("nationalite", "burkinabe");
        answers.Set("diplome", "cap-bep");
        Assert.Empty(Candidacies.Check(Make(), answers));

        // A date the form would refuse, or no answers yet: nothing to refuse on the server's side.
        answers.Set("date_naissance", "2010-13-45");
        Assert.Empty(Candidacies.Check(Make(), answers));
        Assert.Empty(Candidacies.Check(Make(), FormAnswers.Empty()));
    }

    [Fact]
    public void The_window_opens_and_closes_to_the_second_by_the_given_clock()
    {
        var competition = Make();
        var second = TimeSpan.FromSeconds(1);

        Assert.Equal("Les inscriptions à ce concours ouvrent le 01/03/2027 à 08:00.", Candidacies.WindowRefusal(competition, competition.OpensAt - second));
        Assert.Null(Candidacies.WindowRefusal(competition, competition.OpensAt));
        Assert.Null(Candidacies.WindowRefusal(competition, competition.OpensAt + second));
        Assert.Null(Candidacies.WindowRefusal(competition, competition.ClosesAt - second));
        Assert.Null(Candidacies.WindowRefusal(competition, competition.ClosesAt - TimeSpan.FromTicks(1)));
        Assert.Equal("Les inscriptions à ce concours sont closes depuis le 31/03/2027 à 23:59.", Candidacies.WindowRefusal(competition, competition.ClosesAt));
        Assert.Equal("Les inscriptions à ce concours sont closes depuis le 31/03/2027 à 23:59.", Candidacies.WindowRefusal(competition, competition.ClosesAt + second));
        Assert.True(competition.IsOpen(competition.ClosesAt - second));
        Assert.False(competition.IsOpen(competition.ClosesAt));
        Assert.True(competition.IsClosed(competition.ClosesAt));
    }

    [Fact]
    public void The_window_is_read_on_the_instant_whatever_offset_the_clock_gives_it()
    {
        var competition = Make();
        var sameInstantElsewhere = competition.ClosesAt.ToOffset(TimeSpan.FromHours(3));

        Assert.NotNull(Candidacies.WindowRefusal(competition, sameInstantElsewhere));
        Assert.Null(Candidacies.WindowRefusal(competition, sameInstantElsewhere.AddSeconds(-1)));
    }
}
