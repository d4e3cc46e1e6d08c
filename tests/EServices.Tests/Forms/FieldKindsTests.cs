using EServices.Tests.Infrastructure;
using EServices.Web.Forms;

namespace EServices.Tests.Forms;

/// <summary>Every field type is described once (FieldKinds): these walk each member of FieldType through the descriptor.</summary>
public sealed class FieldKindsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    public static TheoryData<FieldType> Types() => [.. Enum.GetValues<FieldType>()];

    private static FormField Field(FieldType type) => new()
    {
        Key = "champ", Type = type, Label = "Champ", Options = [new("a", "A"), new("b", "B")],
        Fields = type == FieldType.Repeat ? [new FormField { Key = "colonne", Type = FieldType.Text, Label = "Colonne" }] : null,
    };

    [Fact]
    public void Every_field_type_has_a_descriptor_and_no_descriptor_is_left_over() =>
        Assert.Equal(Enum.GetValues<FieldType>().Order(), FieldKinds.All.Keys.Order());

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_field_type_is_drawn_by_a_partial_that_exists(FieldType type)
    {
        var partial = new FieldView(Field(type), "champ", null).Partial;
        Assert.StartsWith("~/Forms/Views/Fields/", partial, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Repository.Root, "src", "EServices.Web", partial[2..])), $"{type}: {partial} is missing");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void Every_field_type_has_a_builder_label_and_a_sample_its_own_rule_accepts_and_shows(FieldType type)
    {
        var field = Field(type);
        var kind = FieldKinds.Of(type);
        Assert.False(string.IsNullOrWhiteSpace(kind.Label));
        var sample = FieldRules.Normalize(type, kind.Sample(field));
        Assert.False(string.IsNullOrEmpty(sample), $"{type} has no sample");
        Assert.Null(FieldRules.Check(field, sample, Today));
        Assert.False(string.IsNullOrWhiteSpace(AnswerDisplay.Simple(field, sample)));
        Assert.NotEqual("Non renseigné", AnswerDisplay.Simple(field, sample));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_type_with_a_format_says_it_in_French_in_its_hint_and_in_its_error_and_accepts_its_example(FieldType type)
    {
        var field = Field(type);
        var kind = FieldKinds.Of(type);
        if (kind.Format is not { } format)
        {
            Assert.Null(kind.Hint);
            return;
        }

        Assert.Equal(kind.Hint, new FieldView(field, "champ", null).Hint);
        Assert.Contains(format.Rule, kind.Hint, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(format.ToString(), FieldRules.Check(field, "§ invalide §", Today), StringComparison.Ordinal);
        if (format.Example is { } example)
        {
            Assert.EndsWith($", ex. {example}", kind.Hint, StringComparison.Ordinal);
            Assert.Null(FieldRules.Check(field, FieldRules.Normalize(type, example), Today));
        }
    }

    [Fact]
    public void The_CNIB_hint_describes_what_the_rule_accepts()
    {
        var field = Field(FieldType.Cnib);
        Assert.Equal("Une lettre suivie de 7 à 9 chiffres, ex. B12345678", new FieldView(field, "champ", null).Hint);
        Assert.Null(FieldRules.Check(field, "B1234567", Today));
        Assert.Null(FieldRules.Check(field, "B123456789", Today));
        Assert.NotNull(FieldRules.Check(field, "B123456", Today));
        Assert.NotNull(FieldRules.Check(field, "B1234567890", Today));
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void A_type_whose_answer_comes_from_a_list_offers_choices_and_accepts_them(FieldType type)
    {
        var field = Field(type);
        if (!field.Kind.IsList)
        {
            return;
        }

        Assert.NotEmpty(field.Choices);
        Assert.All(field.Choices, o => Assert.Null(FieldRules.Check(field, o.Value, Today)));
    }
}
