using EServices.Web.Forms;

namespace EServices.Tests.Forms;

public sealed class FormAnswersValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static readonly FormField Motive = new()
    {
        Key = "motif", Type = FieldType.Choice, Label = "Motif", Required = true, Options = [new("banque", "Banque"), new("autre", "Autre")],
    };

    private static readonly FormField Detail = new()
    {
        Key = "precision", Type = FieldType.Text, Label = "Précisez", Required = true, ShowWhen = new Condition("motif", "autre"),
    };

    private static readonly FormField Acts = new()
    {
        Key = "actes", Type = FieldType.Repeat, Label = "Actes", Required = true, Max = "3",
        Fields = [new FormField { Key = "numero", Type = FieldType.Text, Label = "Numéro", Required = true }, new FormField { Key = "date", Type = FieldType.Date, Label = "Date", Required = true }],
    };

    private static readonly FormField Languages = new()
    {
        Key = "langues", Type = FieldType.MultiChoice, Label = "Langues", Required = true, Max = "2", Options = [new("fr", "Français"), new("mo", "Mooré"), new("di", "Dioula")],
    };

    private static Dictionary<string, string> Errors(FormAnswers answers, params FormField[] fields) =>
        new FormAnswersValidator(fields, Today).Validate(answers).Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage);

    [Fact]
    public void A_conditional_field_is_required_only_when_its_condition_holds()
    {
        var answers = FormAnswers.Empty();
        answers.Set("motif", "banque");
        Assert.Empty(Errors(answers, Motive, Detail));

        answers.Set("motif", "autre");
        Assert.Equal("« Précisez » est obligatoire.", Errors(answers, Motive, Detail)["precision"]);
    }

    [Fact]
    public void Rows_of_a_repeatable_block_are_checked_one_by_one_and_empty_extra_rows_are_ignored()
    {
        var answers = FormAnswers.Empty();
        Assert.Equal("« Actes » : ajoutez au moins une ligne.", Errors(answers, Acts)["actes"]);

        answers.SetRows("actes",
        [
            new Dictionary<string, string?> { ["numero"] = "2015-123", ["date"] = "2015-02-01" },
            new Dictionary<string, string?> { ["numero"] = "", ["date"] = "pas une date" },
            new Dictionary<string, string?> { ["numero"] = "", ["date"] = "" },
        ]);
        var errors = Errors(answers, Acts);
        Assert.Equal("Ligne 2 : « Numéro » est obligatoire.", errors["actes[1].numero"]);
        Assert.Equal("Ligne 2 : « Date » doit être une date valide (jj/mm/aaaa).", errors["actes[1].date"]);
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_multiple_choice_needs_known_answers_within_its_maximum()
    {
        var answers = FormAnswers.Empty();
        Assert.Equal("« Langues » : cochez au moins une réponse.", Errors(answers, Languages)["langues"]);
        answers.SetMany("langues", ["fr", "mo", "di"]);
        Assert.Equal("« Langues » : cochez au plus 2 réponses.", Errors(answers, Languages)["langues"]);
        answers.SetMany("langues", ["fr", "en"]);
        Assert.Equal("« Langues » : choisissez parmi les réponses proposées.", Errors(answers, Languages)["langues"]);
        answers.SetMany("langues", ["fr", "di"]);
        Assert.Empty(Errors(answers, Languages));
    }

    [Fact]
    public void Answers_survive_a_round_trip_through_json()
    {
        var answers = FormAnswers.Empty();
        answers.Set("motif", "autre");
        answers.SetMany("langues", ["fr"]);
        answers.SetRows("actes", [new Dictionary<string, string?> { ["numero"] = "1", ["date"] = "2015-02-01" }]);

        var back = FormAnswers.Parse(answers.ToJson());
        Assert.Equal("autre", back.Get("motif"));
        Assert.Equal(["fr"], back.GetMany("langues"));
        Assert.Equal("2015-02-01", back.GetRows("actes")[0]["date"]);
    }
}
