using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EServices.BrowserTests.Features.BackOffice;

/// <summary>What an agent does in the back-office, in a browser: find a request in the inbox and act on its page.</summary>
public static class AgentDesk
{
    public static ILocator Heading(IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>The message the portal shows after an action ("Demande … : en instruction.").</summary>
    public static ILocator Notice(IPage page) => page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Status);

    public static Task OpenInboxAsync(IPage page) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Menu principal" }).GetByRole(AriaRole.Link, new() { Name = "Back-office" }).ClickAsync();

    /// <summary>From any page: the inbox, a search for <paramref name="number"/>, then its page.</summary>
    public static async Task OpenFromInboxAsync(IPage page, string number)
    {
        await OpenInboxAsync(page);
        await Expect(Heading(page)).ToHaveTextAsync("Demandes à traiter");
        await page.GetByRole(AriaRole.Search).GetByLabel("Numéro ou demandeur").FillAsync(number);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(Heading(page)).ToHaveTextAsync($"Demande {number}");
    }

    public static async Task TakeAsync(IPage page, string number)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Prendre la demande" }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync($"Demande {number} : en instruction.");
    }

    /// <summary>Ticks what to correct, writes the message and keeps the proposed date; returns that date as the field shows it (yyyy-mm-dd).</summary>
    public static async Task<string> AskForCorrectionAsync(IPage page, string number, string message, params string[] toCorrect)
    {
        var what = page.GetByRole(AriaRole.Group, new() { Name = "À corriger" });
        foreach (var item in toCorrect)
        {
            await what.GetByRole(AriaRole.Checkbox, new() { Name = item, Exact = true }).CheckAsync();
        }

        await page.GetByLabel("Message au demandeur").FillAsync(message);
        var deadline = await page.GetByLabel("À fournir avant le").InputValueAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Demander le complément" }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync($"Demande {number} : complément demandé.");
        return deadline;
    }

    public static async Task AcceptAsync(IPage page, string number)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Accepter la demande" }).ClickAsync();
        await Expect(Notice(page)).ToHaveTextAsync($"Demande {number} : acceptée.");
    }

    /// <summary>The attestation's two documents previewed on the request's page: the CNIB's photo drawn (an image that
    /// failed to load has no natural width) and the payslip's PDF loaded in its frame.</summary>
    public static async Task ExpectPreviewsShownAsync(IPage page)
    {
        var documents = page.GetByRole(AriaRole.Region, new() { Name = "Pièces jointes" });
        var photo = documents.GetByRole(AriaRole.Img, new() { Name = "Aperçu de la pièce « Copie de la CNIB »" });
        await Expect(photo).ToBeVisibleAsync();
        Assert.Equal(24, await photo.EvaluateAsync<int>(
            "img => img.complete ? img.naturalWidth : new Promise(done => img.addEventListener('load', () => done(img.naturalWidth), { once: true }))"));
        var payslip = documents.Locator("iframe[title='Aperçu de la pièce « Dernier bulletin de salaire » (PDF)']");
        await Expect(payslip).ToBeVisibleAsync();
        var frame = await (await payslip.ElementHandleAsync()).ContentFrameAsync();
        Assert.NotNull(frame);
        await frame.WaitForLoadStateAsync();
        Assert.EndsWith(await payslip.GetAttributeAsync("src") ?? "?", frame.Url, StringComparison.Ordinal);
    }
}
