using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.Admin;

/// <summary>What an administrator does in the browser to put a procedure online: its sheet, its form field by field, publishing.</summary>
public static partial class ProcedureDesk
{
    public static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The message the portal shows after a change ("Le champ … est enregistré dans le brouillon.").</summary>
    public static ILocator Notice(IPage page) => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status);

    /// <summary>The state of the procedure and its buttons, at the top of each of its pages.</summary>
    public static ILocator StatusBox(IPage page) => page.GetByRole(AriaRole.Region, new() { Name = "État de la démarche" });

    /// <summary>From any page: "Administration", "Démarches", "Ajouter une démarche"; fills and saves the sheet of a new
    /// procedure of the DGFP, then opens it. Stops on its sheet page.</summary>
    public static async Task CreateAsync(IPage page, string title, string slug)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Administration" }).ClickAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Démarches", Exact = true }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Démarches du décret");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter une démarche" }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Nouvelle démarche");

        await page.GetByLabel("Intitulé").FillAsync(title);
        await page.GetByLabel("Identifiant dans l'adresse").FillAsync(slug);
        await page.GetByLabel("Résumé").FillAsync("Une démarche mise en ligne sans développeur.");
        await page.GetByLabel("Catégorie").SelectOptionAsync(new SelectOptionValue { Label = "Carrière des agents publics" });
        var service = page.GetByLabel("Service responsable");
        var dgfp = await service.Locator("option").Filter(new() { HasTextRegex = DgfpOption() }).InnerTextAsync();
        await service.SelectOptionAsync(new SelectOptionValue { Label = dgfp });
        await page.GetByRole(AriaRole.Group, new() { Name = "Public" }).GetByRole(AriaRole.Checkbox, new() { Name = "Agents publics" }).CheckAsync();
        await page.GetByLabel("Procédure sur papier").FillAsync("Au guichet de la DGFP, avec les pièces demandées.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la fiche" }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync($"La fiche « {title} » est enregistrée.");
        await Expect(Heading(page)).ToHaveTextAsync($"Fiche « {title} »"); // a new sheet lands on its procedure, not on the list
    }

    /// <summary>The "Formulaire" tab of the procedure's pages.</summary>
    public static async Task OpenBuilderAsync(IPage page, string title)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Pages de la démarche" }).GetByRole(AriaRole.Link, new() { Name = "Formulaire" }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync($"Formulaire de « {title} »");
    }

    /// <summary>One field of the field editor: its type, label, key, whether it is required, its choices and its condition.</summary>
    public sealed record Field(string Type, string Label, string Key)
    {
        public bool Required { get; init; } = true;
        public string? Options { get; init; }
        public (string Field, string Value)? ShowWhen { get; init; }
    }

    /// <summary>From the builder: "Ajouter un champ à l'étape N", the field editor filled, "Enregistrer le champ"; back on the builder.</summary>
    public static async Task AddFieldAsync(IPage page, int step, Field field)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"Ajouter un champ à l'étape {step}" }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync("Nouveau champ");
        await page.GetByLabel("Type de champ").SelectOptionAsync(new SelectOptionValue { Value = field.Type });
        await page.GetByLabel("Libellé (la question posée au demandeur)").FillAsync(field.Label);
        await page.GetByLabel("Clé", new() { Exact = false }).FillAsync(field.Key);
        await page.GetByLabel("Réponse obligatoire").SetCheckedAsync(field.Required);
        if (field.Options is not null)
        {
            await page.GetByLabel("Choix proposés").FillAsync(field.Options);
        }

        if (field.ShowWhen is var (parent, value))
        {
            await page.GetByLabel("Champ dont dépend l'affichage").SelectOptionAsync(new SelectOptionValue { Value = parent });
            await page.GetByLabel("Réponse qui fait apparaître ce champ").FillAsync(value);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le champ" }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync($"Le champ « {field.Label} » est enregistré dans le brouillon.");
    }

    /// <summary>"Publier la version N" in the status box; stops on the builder, version N online.</summary>
    public static async Task PublishAsync(IPage page, string title, int version)
    {
        await StatusBox(page).GetByRole(AriaRole.Button, new() { Name = $"Publier la version {version}" }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync(
            $"La version {version} de « {title} » est en ligne. Les demandes déjà déposées gardent leur version.");
        await Expect(StatusBox(page)).ToContainTextAsync($"Version {version} en ligne");
        await Expect(StatusBox(page)).Not.ToContainTextAsync("Brouillon");
    }

    [GeneratedRegex("^DGFP –")]
    private static partial Regex DgfpOption();
}
