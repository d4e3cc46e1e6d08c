using EServices.Web.Data.Seed;
using EServices.Web.Forms;

namespace EServices.Tests.Forms;

public sealed class DefinitionCheckTests
{
    private static FormDefinition Form(params FormField[] fields) => new() { Steps = [new FormStep { Title = "Étape", Fields = fields }] };

    private static readonly FormField Motive = new()
    {
        Key = "motif_demande", Type = FieldType.Choice, Label = "Motif", Options = [new("banque", "Banque"), new("autre", "Autre")],
    };

    [Fact]
    public void Every_form_of_the_seed_catalogue_is_valid()
    {
        var forms = CatalogueSeed.Load().Procedures.Where(p => p.Form is not null).ToList();
        Assert.Equal(14, forms.Count);
        Assert.All(forms, p => Assert.True(DefinitionCheck.Errors(p.Form!).Count == 0, $"{p.Slug}: {string.Join(" | ", DefinitionCheck.Errors(p.Form!))}"));
    }

    [Fact]
    public void Keys_must_be_unique_and_well_formed()
    {
        var errors = DefinitionCheck.Errors(Form(
            new FormField { Key = "nom_famille", Type = FieldType.Text, Label = "Nom" },
            new FormField { Key = "nom_famille", Type = FieldType.Text, Label = "Nom encore" },
            new FormField { Key = "Prénom", Type = FieldType.Text, Label = "Prénom" }));
        Assert.Contains("Étape 1 : la clé « nom_famille » est déjà utilisée par un autre champ.", errors);
        Assert.Contains(errors, e => e.StartsWith("Étape 1, champ « Prénom » : la clé doit commencer par une lettre minuscule", StringComparison.Ordinal));
    }

    [Fact]
    public void A_condition_must_point_to_an_earlier_choice_and_one_of_its_values()
    {
        var later = DefinitionCheck.Errors(Form(
            new FormField { Key = "precision", Type = FieldType.Text, Label = "Précisez", ShowWhen = new Condition("motif_demande", "autre") }, Motive));
        Assert.Contains("Étape 1, champ « precision » : la condition d'affichage porte sur « motif_demande », qui n'est pas un champ placé avant celui-ci.", later);

        var unknownValue = DefinitionCheck.Errors(Form(
            Motive, new FormField { Key = "precision", Type = FieldType.Text, Label = "Précisez", ShowWhen = new Condition("motif_demande", "divers") }));
        Assert.Contains("Étape 1, champ « precision » : « divers » n'est pas une réponse possible de « motif_demande ».", unknownValue);

        Assert.Empty(DefinitionCheck.Errors(Form(
            Motive, new FormField { Key = "precision", Type = FieldType.Text, Label = "Précisez", ShowWhen = new Condition("motif_demande", "autre") })));
    }

    [Fact]
    public void Choices_blocks_bounds_and_patterns_are_checked()
    {
        var errors = DefinitionCheck.Errors(Form(
            new FormField { Key = "choix", Type = FieldType.Choice, Label = "Choix" },
            new FormField { Key = "duree", Type = FieldType.Integer, Label = "Durée", Min = "36", Max = "1" },
            new FormField { Key = "ifu", Type = FieldType.Text, Label = "IFU", Pattern = "[0-9" },
            new FormField { Key = "actes", Type = FieldType.Repeat, Label = "Actes", Fields = [new FormField { Key = "copie", Type = FieldType.File, Label = "Copie" }] }));
        Assert.Contains("Étape 1, champ « choix » : ajoutez au moins un choix.", errors);
        Assert.Contains("Étape 1, champ « duree » : le minimum est supérieur au maximum.", errors);
        Assert.Contains("Étape 1, champ « ifu » : le motif de validation n'est pas une expression régulière valide.", errors);
        Assert.Contains("Étape 1, champ « actes », colonne « copie » : un bloc répétable ne peut contenir ni fichier, ni bloc, ni texte explicatif.", errors);
    }

    [Fact]
    public void A_form_needs_a_step_with_fields() =>
        Assert.Equal(["Le formulaire doit comporter au moins une étape."], DefinitionCheck.Errors(new FormDefinition()));
}
