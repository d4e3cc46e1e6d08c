
namespace EServices.Tests.Forms;

public sealed class FieldRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static string? Check(FieldType type, string raw, string? min = null, string? max = null, int? maxLength = null, string? pattern = null) =>
        FieldRules.Check(new FormField { Key = "k", Type = type, Label = "Champ", Min = min, Max = max, MaxLength = maxLength, Pattern = pattern, Options = [new("a", "A"), new("b", "B")] },
            FieldRules.Normalize(type, raw), Today);

    [Theory]
    [InlineData("70123456", "+226 70 12 34 56")]
    [InlineData("+226 70 12 34 56", "+226 70 12 34 56")]
    [InlineData("00226-76.00.00.01", "+226 76 00 00 01")]
    public void Phone_numbers_of_Burkina_Faso_are_accepted_in_every_usual_spelling(string typed, string stored)
    {
        Assert.Equal(stored, FieldRules.Normalize(FieldType.Phone, typed));
        Assert.Null(Check(FieldType.Phone, typed));
    }

    [Theory]
    [InlineData("7012345")]
    [InlineData("+33 6 12 34 56 78")]
    [InlineData("abcdefgh")]
    public void Other_phone_numbers_are_refused_with_the_expected_format(string typed) =>
        Assert.Equal("« Champ » : saisissez un numéro du Burkina Faso, +226 suivi de 8 chiffres (ex. +226 70 12 34 56).", Check(FieldType.Phone, typed));

    [Theory]
    [InlineData(FieldType.Integer, "12", null)]
    [InlineData(FieldType.Integer, "1,5", "« Champ » doit être un nombre entier, sans espace ni virgule.")]
    [InlineData(FieldType.Amount, "150 000", null)]
    [InlineData(FieldType.Amount, "150000.50", "« Champ » doit être un montant en francs CFA, sans décimales (ex. 150000).")]
    [InlineData(FieldType.Amount, "-5", "« Champ » ne peut pas être négatif.")]
    [InlineData(FieldType.Cnib, "b 12345678", null)]
    [InlineData(FieldType.Cnib, "12345678", "« Champ » : le numéro de CNIB est une lettre suivie de 7 à 9 chiffres (ex. B12345678).")]
    [InlineData(FieldType.Matricule, "212 345 a", null)]
    [InlineData(FieldType.Matricule, "A212345", "« Champ » : le matricule est composé de 6 ou 7 chiffres suivis d'une lettre (ex. 212345A).")]
    [InlineData(FieldType.Email, "Nom@Exemple.BF", null)]
    [InlineData(FieldType.Email, "nom@exemple", "« Champ » : saisissez une adresse e-mail valide (ex. nom@exemple.bf).")]
    [InlineData(FieldType.YesNo, "peut-être", "« Champ » : répondez par oui ou par non.")]
    [InlineData(FieldType.Choice, "c", "« Champ » : choisissez une réponse de la liste.")]
    [InlineData(FieldType.Region, "kadiogo", null)]
    [InlineData(FieldType.Region, "centre", "« Champ » : choisissez une réponse de la liste.")]
    [InlineData(FieldType.Date, "31/12/1985", null)]
    [InlineData(FieldType.Date, "31/02/1985", "« Champ » doit être une date valide (jj/mm/aaaa).")]
    [InlineData(FieldType.Text, "bonjour\u0000", "« Champ » contient des caractères non autorisés.")]
    [InlineData(FieldType.Text, "Tra\u202Eoré", "« Champ » contient des caractères non autorisés.")] // right-to-left override
    [InlineData(FieldType.Text, "Awa \u2066Kaboré\u2069", "« Champ » contient des caractères non autorisés.")] // isolate
    [InlineData(FieldType.Text, "Ouédraogo-Kaboré d'Arc", null)]
    public void Each_type_accepts_what_it_should_and_explains_what_it_refuses(FieldType type, string raw, string? error) =>
        Assert.Equal(error, Check(type, raw));

    [Fact]
    public void Bounds_apply_to_numbers_dates_and_lengths()
    {
        Assert.Equal("« Champ » doit être au moins 1.", Check(FieldType.Integer, "0", min: "1", max: "36"));
        Assert.Equal("« Champ » doit être au plus 36.", Check(FieldType.Integer, "37", min: "1", max: "36"));
        Assert.Equal("« Champ » ne peut pas être dans le futur.", Check(FieldType.Date, "2026-11-26", max: "today"));
        Assert.Null(Check(FieldType.Date, "2026-11-25", max: "today"));
        Assert.Equal("« Champ » doit être le 01/01/2000 ou après.", Check(FieldType.Date, "1999-12-31", min: "2000-01-01"));
        Assert.Equal("« Champ » doit contenir au plus 5 caractères (vous en avez saisi 6).", Check(FieldType.Text, "abcdef", maxLength: 5));
        Assert.Equal("« Champ » n'a pas le format attendu.", Check(FieldType.Text, "12AB", pattern: "[0-9]{8}[A-Z]"));
        Assert.Null(Check(FieldType.Text, "12345678A", pattern: "[0-9]{8}[A-Z]"));
    }

    [Fact]
    public void Amounts_are_shown_with_thousands_separated_in_francs_CFA() =>
        Assert.Equal("150\u202F000\u00A0FCFA", FieldRules.FormatAmount(150000)); // no-break: never "150" / "000 FCFA"
}
