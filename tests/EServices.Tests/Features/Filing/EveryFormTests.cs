using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using EServices.Web.Data.Seed;
using EServices.Web.Forms;
using EServices.Tests.Payments;

namespace EServices.Tests.Features.Filing;

/// <summary>Every e-service of the seed catalogue can be filed end to end with plausible answers.</summary>
[Collection(WebCollection.Name)]
public sealed class EveryFormTests(HostFixture host)
{
    public static TheoryData<string> OnlineProcedures()
    {
        var data = new TheoryData<string>();
        foreach (var p in CatalogueSeed.Load().Procedures.Where(p => p.Form is not null))
        {
            data.Add(p.Slug);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OnlineProcedures))]
    public async Task Each_online_procedure_can_be_filed_and_gets_a_receipt(string slug)
    {
        var seed = CatalogueSeed.Load();
        var procedure = seed.Procedures.Single(p => p.Slug == slug);
        var prefix = seed.Services.Single(s => s.Code == procedure.Service).NumberPrefix;
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);

        var page = await session.SubmitAsync(await session.GetAsync($"/demarches/{slug}"), "Commencer la démarche");
        foreach (var step in procedure.Form!.Steps)
        {
            Assert.Equal(step.Title, page.Html.QuerySelector("h1")!.TextContent);
            var values = step.Fields.SelectMany(Sample).ToList();
            var files = step.Fields.Where(f => f.Type == FieldType.File).ToDictionary(f => f.Key, f => TestFiles.Pdf($"{f.Key}.pdf"));
            page = await session.SubmitAsync(page, "Continuer", values, files);
            Assert.True(page.SummaryErrors.Count == 0, $"{slug} / {step.Title}: {string.Join(" | ", page.SummaryErrors)}");
        }

        Assert.Contains("Vérifiez votre demande avant de la déposer", page.Text, StringComparison.Ordinal);
        var filed = procedure.FeeKind == FeeKind.None
            ? await session.SubmitAsync(page, "Déposer ma demande", [("declaration", "oui")])
            : await host.PayAtCounterAsync(session, await session.SubmitAsync(page, "Payer et déposer", [("declaration", "oui")]), procedure.FeeXof);
        var number = filed.Url.Split('/').Last();
        Assert.Matches($"^{prefix}-2027-\\d{{6}}$", number);
        var (status, pdf, _) = await session.DownloadAsync($"/mes-demandes/{number}/recepisse");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains(procedure.Title.Split(' ')[0], FilingTests.PdfText(pdf), StringComparison.Ordinal);
    }

    /// <summary>A plausible answer for each field, as the form expects it.</summary>
    internal static IEnumerable<(string, string)> Sample(FormField field) => field.Type switch
    {
        FieldType.Info or FieldType.File => [],
        FieldType.MultiChoice => [(field.Key, field.Choices[0].Value)],
        FieldType.Repeat => (field.Fields ?? []).Select(c => (FormAnswersValidator.RowKey(field.Key, 0, c.Key), Value(c))),
        _ => [(field.Key, Value(field))],
    };

    private static string Value(FormField field) => field.Type switch
    {
        FieldType.Text when field.Pattern is { } pattern => new[] { "00012345A", "BF-OUA-2020-B-1234", "AB123" }.First(v => Regex.IsMatch(v, $"^(?:{pattern})$")),
        FieldType.Text => "Texte d'essai",
        FieldType.LongText => "Exposé des faits, sur plusieurs lignes.\nDeuxième ligne.",
        FieldType.Integer => field.Min ?? field.Max ?? "3",
        FieldType.Amount => "150000",
        FieldType.Date => field.Min == "today" ? "2027-04-15" : "2001-06-15",
        FieldType.Email => "contact@exemple.bf",
        FieldType.Phone => "76 00 00 01",
        FieldType.YesNo => "oui",
        FieldType.Choice or FieldType.Region => field.Choices[0].Value,
        FieldType.Cnib => "B12345678",
        FieldType.Matricule => "212345A",
        _ => throw new InvalidOperationException($"No sample for {field.Type}"),
    };
}
