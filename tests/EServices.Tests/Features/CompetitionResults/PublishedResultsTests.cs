using System.Net;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.Results;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.CompetitionResults;

/// <summary>The published results, without an account: found by exam number or by the beginning of the name typed any
/// way, never a candidate who is not admitted, never a CNIB or a birth date; nothing at all before publication.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class PublishedResultsTests(CandidacyHost host)
{
    [Fact]
    public async Task Anyone_finds_an_admitted_candidate_by_exam_number_or_by_a_name_typed_without_accents()
    {
        var (competition, c) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa Éléonore", "OUÉDRAOGO Issa", "KABORÉ Ali", "D'ALMEIDA-TRAORÉ Fanta");
        await ResultsSeed.PublishAsync(host, competition, [c[0], c[2], c[3]]);
        using var visitor = host.NewSession();

        var list = await visitor.GetAsync("/concours");
        var results = await visitor.ClickAsync(list, "Résultats des concours");
        var page = await visitor.ClickAsync(results, competition.Title);
        Assert.Equal($"/resultats/{competition.Code}", page.Url);

        var form = page.Html.QuerySelector("form[role=search]")!;
        Assert.Equal(("get", $"/resultats/{competition.Code}"), (form.GetAttribute("method"), form.GetAttribute("action")));
        var byName = await visitor.GetAsync($"/resultats/{competition.Code}?q={Uri.EscapeDataString("  ouedraogo ")}"); // the GET form, as a browser sends it
        Assert.Equal([$"{c[0].ExamNumber} OUÉDRAOGO Awa Éléonore Ouagadougou"], Rows(byName));
        Assert.Contains("1 candidat admis", byName.Text, StringComparison.Ordinal);
        Assert.Equal("  ouedraogo ", byName.ValueOf("q"));
        Assert.Equal([$"{c[3].ExamNumber} D'ALMEIDA-TRAORÉ Fanta Ouagadougou"], Rows(await visitor.GetAsync($"/resultats/{competition.Code}?q=d%27almeida%20traore")));
        Assert.Equal([$"{c[0].ExamNumber} OUÉDRAOGO Awa Éléonore Ouagadougou"], Rows(await visitor.GetAsync($"/resultats/{competition.Code}?q=OUÉDRAOGO-AWA")));

        var byNumber = await visitor.GetAsync($"/resultats/{competition.Code}?q={c[2].ExamNumber.ToLowerInvariant()}");
        Assert.Equal([$"{c[2].ExamNumber} KABORÉ Ali Ouagadougou"], Rows(byNumber));
        Assert.DoesNotContain("1999", byNumber.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("17/04", byNumber.Text, StringComparison.Ordinal);

        // Not admitted: neither by number nor by name.
        var issa = await visitor.GetAsync($"/resultats/{competition.Code}?q={c[1].ExamNumber}");
        Assert.Empty(Rows(issa));
        Assert.Contains("Aucun candidat admis ne correspond à votre recherche.", issa.Text, StringComparison.Ordinal);
        Assert.Empty(Rows(await visitor.GetAsync($"/resultats/{competition.Code}?q=ouedraogo%20i")));
    }

    [Fact]
    public async Task Odd_searches_never_fail_and_never_show_a_candidate_who_is_not_admitted()
    {
        var (competition, c) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa", "OUÉDRAOGO Issa");
        await ResultsSeed.PublishAsync(host, competition, [c[0]]);
        var cnib = (string)(await host.ScalarAsync("SELECT cnib FROM candidacies WHERE exam_number = @n", ("n", c[0].ExamNumber)))!;
        using var visitor = host.NewSession();

        string[] odd = ["", "   ", "%", "_", "%%", "o%", "OU_DRAOGO", "'", "\"", "' OR 1=1 --", "a", new string('o', 500), "\\", "ouedraogo%", cnib, "1999-04-17", "🙂", "\u0000"];
        foreach (var q in odd)
        {
            var page = await visitor.GetAsync($"/resultats/{competition.Code}?q={Uri.EscapeDataString(q)}");
            Assert.True((int)page.Status < 500, $"{q}: {page.Status}");
            Assert.DoesNotContain("Issa", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(c[1].ExamNumber, page.Text, StringComparison.Ordinal);
        }

        var tooLong = await visitor.GetAsync($"/resultats/{competition.Code}?q={new string('o', 500)}");
        Assert.Equal("Saisissez 100 caractères au plus : un numéro de table ou le début d'un nom.", tooLong.ErrorFor("q"));
        Assert.Equal(new string('o', 500), tooLong.ValueOf("q"));
        var punctuation = await visitor.GetAsync($"/resultats/{competition.Code}?q=%25");
        Assert.Equal("Saisissez au moins deux lettres du nom, ou le numéro de table.", punctuation.ErrorFor("q"));
        var repeated = await visitor.GetAsync($"/resultats/{competition.Code}?q=ouedraogo&q=kabore");
        Assert.Equal(HttpStatusCode.OK, repeated.Status);
    }

    [Fact]
    public async Task Beyond_fifty_matches_the_page_asks_to_refine_the_search()
    {
        var names = Enumerable.Range(0, 55).Select(i => $"SAWADOGO {(char)('A' + (i / 26))}{(char)('A' + (i % 26))}").ToArray();
        var (competition, c) = await ResultsSeed.NumberedAsync(host, names);
        await ResultsSeed.PublishAsync(host, competition, c);
        using var visitor = host.NewSession();

        var page = await visitor.GetAsync($"/resultats/{competition.Code}?q=sawa");

        Assert.Equal(50, Rows(page).Count);
        Assert.StartsWith($"{c[0].ExamNumber} SAWADOGO AA", Rows(page)[0], StringComparison.Ordinal);
        Assert.Contains("50 premiers candidats admis", page.Text, StringComparison.Ordinal);
        Assert.Contains("affinez votre recherche", page.Text, StringComparison.Ordinal);
        Assert.Equal(3, Rows(await visitor.GetAsync($"/resultats/{competition.Code}?q=sawadogo%20c")).Count); // CA, CB, CC
    }

    [Fact]
    public async Task Results_not_yet_published_do_not_exist_for_the_public()
    {
        var (competition, c) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa");
        await ResultsSeed.PublishAsync(host, competition, c, published: false);
        using var visitor = host.NewSession();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/resultats/{competition.Code}?q={c[0].ExamNumber}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.DownloadAsync($"/resultats/{competition.Code}/liste.pdf")).Status);
        Assert.DoesNotContain(competition.Title, (await visitor.GetAsync("/resultats")).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/resultats/inconnu")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/resultats/{new string('x', 200)}/liste.pdf")).Status);
    }

    [Fact]
    public async Task The_PDF_list_gives_the_admitted_in_name_order_on_numbered_pages_under_the_letterhead()
    {
        var names = Enumerable.Range(1, 100).Select(i => $"ZONGO Admis {i:D3}").Append("OUÉDRAOGO Œdipe Éléonore").Append("KABORÉ Recalé").ToArray();
        var (competition, c) = await ResultsSeed.NumberedAsync(host, names);
        await ResultsSeed.PublishAsync(host, competition, c.Take(101));
        using var visitor = host.NewSession();

        var (status, pdf, response) = await visitor.DownloadAsync($"/resultats/{competition.Code}/liste.pdf");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = await ResultsSeed.PdfToTextAsync(pdf);
        Assert.Contains("BURKINA FASO", text, StringComparison.Ordinal);
        Assert.Contains("Unité – Progrès – Justice", text, StringComparison.Ordinal);
        Assert.Contains("Liste des candidats admis", text, StringComparison.Ordinal);
        Assert.Contains(competition.Title, text, StringComparison.Ordinal);
        Assert.Contains("101 admis, par ordre alphabétique", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 sur 3", text, StringComparison.Ordinal);
        Assert.Contains("Page 3 sur 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Recalé", text, StringComparison.Ordinal);
        var first = text.IndexOf("OUÉDRAOGO Œdipe Éléonore", StringComparison.Ordinal);
        Assert.True(first > 0 && first < text.IndexOf("ZONGO Admis 001", StringComparison.Ordinal));
        Assert.True(text.IndexOf("ZONGO Admis 099", StringComparison.Ordinal) < text.IndexOf("ZONGO Admis 100", StringComparison.Ordinal));
        Assert.Contains(c[100].ExamNumber, FilingTests.PdfText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_PDF_list_is_rendered_once_then_served_as_kept_and_revalidated_by_its_ETag()
    {
        var (competition, c) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa", "KABORÉ Ali");
        await ResultsSeed.PublishAsync(host, competition, c);
        var files = host.Services.GetRequiredService<AdmittedListFiles>();
        using var first = host.NewSession();
        using var second = host.NewSession();
        var url = $"/resultats/{competition.Code}/liste.pdf";

        var before = files.Renderings;
        var (status, pdf, response) = await first.DownloadAsync(url);
        var (_, again, _) = await second.DownloadAsync(url);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(pdf, again);
        Assert.Equal(before + 1, files.Renderings);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl!.ToString());
        Assert.NotNull(response.Content.Headers.LastModified);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        var revalidated = await second.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());

        // A new publication date is another list: rendered again, with another ETag.
        await host.ScalarAsync("UPDATE competitions SET results_published_at = results_published_at + interval '1 minute' WHERE id = @id", ("id", competition.Id));
        var (_, republished, later) = await first.DownloadAsync(url);
        Assert.Equal(before + 2, files.Renderings);
        Assert.NotEqual(response.Headers.ETag, later.Headers.ETag);
        Assert.Contains("KABORÉ Ali", await ResultsSeed.PdfToTextAsync(republished), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_PDF_list_prints_names_with_accents_as_typed()
    {
        var (competition, c) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Aïcha", "ZOUNGRANA Hélène Maïmouna", "D'ALMEIDA-TRAORÉ Fanta");
        await ResultsSeed.PublishAsync(host, competition, c);
        using var visitor = host.NewSession();

        var (_, pdf, _) = await visitor.DownloadAsync($"/resultats/{competition.Code}/liste.pdf");

        var text = await ResultsSeed.PdfToTextAsync(pdf);
        Assert.Contains("OUÉDRAOGO Aïcha", text, StringComparison.Ordinal);
        Assert.Contains("ZOUNGRANA Hélène Maïmouna", text, StringComparison.Ordinal);
        Assert.Contains("D'ALMEIDA-TRAORÉ Fanta", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 sur 1", text, StringComparison.Ordinal);
        Assert.Contains("Centre", FilingTests.PdfText(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_candidate_sees_Admis_on_the_application_in_My_requests_once_the_results_are_published()
    {
        var (competition, c) = await ResultsSeed.NumberedAsync(host, "OUÉDRAOGO Awa", "KABORÉ Issa");
        using var awa = host.NewSession();
        var user = await TestUsers.SignUpAsync(awa);
        var number = "AG-2027-" + Random.Shared.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await host.ScalarAsync("""
            WITH u AS (SELECT id FROM "AspNetUsers" WHERE normalized_email = upper(@email)),
                 c AS (UPDATE candidacies SET applicant_id = (SELECT id FROM u) WHERE exam_number = @exam RETURNING request_id)
            UPDATE requests SET applicant_id = (SELECT id FROM u), number = @number WHERE id = (SELECT request_id FROM c)
            """, ("email", user.Email), ("exam", c[0].ExamNumber), ("number", number));
        await ResultsSeed.PublishAsync(host, competition, [c[0]], published: false);
        Assert.Null(ResultsSeed.Sheet(await awa.GetAsync($"/mes-demandes/{number}"), "Résultat du concours"));

        await host.ScalarAsync("UPDATE competitions SET results_published_at = now() WHERE id = @id", ("id", competition.Id));

        var page = await awa.GetAsync($"/mes-demandes/{number}");
        Assert.StartsWith("Admis(e)", ResultsSeed.Sheet(page, "Résultat du concours"), StringComparison.Ordinal);
    }

    private static List<string> Rows(Page page) =>
        page.Html.QuerySelectorAll("table tbody tr").Select(r => string.Join(' ', r.Children.Select(td => td.TextContent.Trim()))).ToList();
}
