using System.Net;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>What an applicant may attach, and how attachments come back: the type from the content, never the name.</summary>
[Collection(WebCollection.Name)]
public sealed class UploadTests(HostFixture host)
{
    public static TheoryData<string, string> Hostile => new()
    {
        { nameof(TestFiles.ExecutableNamedPdf), "seuls les fichiers PDF, JPEG et PNG sont acceptés." },
        { nameof(TestFiles.Html), "seuls les fichiers PDF, JPEG et PNG sont acceptés." },
        { nameof(TestFiles.SvgNamedPng), "seuls les fichiers PDF, JPEG et PNG sont acceptés." },
        { nameof(TestFiles.PngWithHtml), "le fichier contient du code (HTML ou script). Numérisez ou enregistrez à nouveau le document, puis joignez-le." },
        { nameof(TestFiles.JpegWithScript), "le fichier contient du code (HTML ou script). Numérisez ou enregistrez à nouveau le document, puis joignez-le." },
        { nameof(TestFiles.PngWithZip), "le fichier contient une archive cachée. Numérisez ou enregistrez à nouveau le document, puis joignez-le." },
        { nameof(TestFiles.PdfWithJavaScript), "le PDF contient du contenu actif (JavaScript, fichier joint ou lancement de programme). Numérisez ou enregistrez à nouveau le document, puis joignez-le." },
        { nameof(TestFiles.Empty), "le fichier est vide." },
        { nameof(TestFiles.Oversized), "le fichier pèse 6,0 Mo ; la limite est de 5,0 Mo." },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task A_hostile_file_is_refused_next_to_its_field_and_nothing_is_stored(string file, string message)
    {
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        var step3 = await AttestationJourney.ToDocumentsStepAsync(session);
        var upload = (Upload)typeof(TestFiles).GetMethod(file)!.Invoke(null, [])!;

        var refused = await session.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload> { ["cnib"] = upload });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal($"« Copie de la CNIB » : {message}", refused.ErrorFor("cnib"));
        Assert.Equal(0L, await host.ScalarAsync(
            "SELECT count(*) FROM attachments a JOIN requests r ON r.id = a.request_id JOIN \"AspNetUsers\" u ON u.id = r.applicant_id WHERE u.email = @e AND a.field_key = 'cnib'",
            ("e", user.Email)));
    }

    [Fact]
    public async Task An_attachment_comes_back_as_a_download_of_its_real_type_that_browsers_do_not_sniff()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var number = await AttestationJourney.FileAsync(session);
        var mine = await session.GetAsync($"/mes-demandes/{number}");
        var link = mine.Html.QuerySelectorAll("a[href^='/mes-demandes/pieces/']").Single(a => a.TextContent == "ma cnib.pdf").GetAttribute("href")!;

        var (status, content, response) = await session.DownloadAsync(link);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(TestFiles.Pdf("ma cnib.pdf").Content, content);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("ma cnib.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
