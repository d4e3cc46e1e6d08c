using System.Net;
using System.Text.Json;
using EServices.Tests.Infrastructure;
using EServices.Web.Features.PersonalData;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Filing;

/// <summary>Every stored attachment is one that an answer of its request points to: a file replaced by another, or
/// whose field a condition hides, is deleted (row and bytes), so the uploads folder and « Mes données » hold exactly
/// what the request shows, however many times a step is posted.</summary>
[Collection(WebCollection.Name)]
public sealed class ReplacedUploadsTests(HostFixture host)
{
    [Fact]
    public async Task A_step_posted_20_times_with_new_files_keeps_only_the_last_ones_on_disk_in_the_database_and_in_my_data()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step3 = await AttestationJourney.ToDocumentsStepAsync(session);
        var before = FilesOnDisk();

        var review = step3;
        for (var i = 1; i <= 20; i++)
        {
            review = await session.SubmitAsync(await session.GetAsync(step3.Url), "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
            {
                ["cnib"] = TestFiles.Pdf($"cnib {i}.pdf"),
                ["bulletin"] = TestFiles.Png($"bulletin {i}.png"),
            });
            Assert.EndsWith("/recapitulatif", review.Url, StringComparison.Ordinal);
        }

        Assert.Contains("cnib 20.pdf", review.Text, StringComparison.Ordinal);
        Assert.Contains("bulletin 20.png", review.Text, StringComparison.Ordinal);
        var draftId = step3.Url.Split('/')[2];
        var stored = await StorageKeysAsync(draftId);
        Assert.Equal(2, stored.Count);
        Assert.Equal(stored.Order(), FilesOnDisk().Except(before).Order());
        Assert.Equal(["bulletin 20.png", "cnib 20.pdf"], await MyDataFileNamesAsync(session));

        // Filed, the request's page lists the same two files, and they download.
        var filed = await session.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")]);
        var links = filed.Html.QuerySelectorAll("a[href^='/mes-demandes/pieces/']").ToList();
        Assert.Equal(["bulletin 20.png", "cnib 20.pdf"], links.Select(a => a.TextContent.Trim()).Order());
        foreach (var link in links)
        {
            Assert.Equal(HttpStatusCode.OK, (await session.DownloadAsync(link.GetAttribute("href")!)).Status);
        }

        Assert.Equal(stored.Order(), FilesOnDisk().Except(before).Order());
    }

    [Fact]
    public async Task A_valid_file_sent_next_to_a_refused_one_becomes_its_fields_answer_and_a_later_replacement_deletes_it()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step3 = await AttestationJourney.ToDocumentsStepAsync(session);
        var before = FilesOnDisk();

        var refused = await session.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = TestFiles.PdfWithJavaScript(),
            ["bulletin"] = TestFiles.Png("bulletin gardé.png"),
        });
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.NotNull(refused.ErrorFor("cnib"));
        Assert.Contains("Fichier joint : bulletin gardé.png", refused.Text, StringComparison.Ordinal); // nothing entered is lost

        // The applicant fixes the refused file only: the bulletin kept is the one the request holds.
        var review = await session.SubmitAsync(refused, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload> { ["cnib"] = TestFiles.Pdf("cnib 1.pdf") });
        Assert.EndsWith("/recapitulatif", review.Url, StringComparison.Ordinal);
        Assert.Contains("bulletin gardé.png", review.Text, StringComparison.Ordinal);
        Assert.Equal(["bulletin gardé.png", "cnib 1.pdf"], await MyDataFileNamesAsync(session));

        // A valid cnib next to a refused bulletin replaces the cnib at once; the kept bulletin stays.
        var again = await session.SubmitAsync(await session.GetAsync(step3.Url), "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["cnib"] = TestFiles.Pdf("cnib 2.pdf"),
            ["bulletin"] = TestFiles.PngWithHtml(),
        });
        Assert.Equal(HttpStatusCode.BadRequest, again.Status);
        Assert.Contains("Fichier joint : cnib 2.pdf", again.Text, StringComparison.Ordinal);
        Assert.Contains("Fichier joint : bulletin gardé.png", again.Text, StringComparison.Ordinal);
        Assert.Equal(["bulletin gardé.png", "cnib 2.pdf"], await MyDataFileNamesAsync(session));
        var stored = await StorageKeysAsync(step3.Url.Split('/')[2]);
        Assert.Equal(stored.Order(), FilesOnDisk().Except(before).Order());
    }

    [Fact]
    public async Task A_file_whose_field_a_changed_answer_hides_is_deleted_when_its_step_is_saved_again()
    {
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step1 = await session.SubmitAsync(await session.GetAsync("/demarches/mise-en-disponibilite"), "Commencer la démarche");
        var step2 = await session.SubmitAsync(step1, "Continuer", AttestationJourney.Identity);
        (string, string)[] request =
        [
            ("ministere", "Ministère de la Santé"), ("structure", "CHU Yalgado Ouédraogo"), ("emploi", "Infirmière d'État"),
            ("motif_demande", "etudes"), ("etablissement", "Université Joseph Ki-Zerbo"), ("duree_mois", "12"), ("date_effet", "2027-09-01"),
        ];
        var step3 = await session.SubmitAsync(step2, "Continuer", request);
        var before = FilesOnDisk();
        var review = await session.SubmitAsync(step3, "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
        {
            ["piece_lettre_demande"] = TestFiles.Pdf("lettre.pdf"),
            ["piece_avis_superieur"] = TestFiles.Pdf("avis.pdf"),
            ["piece_inscription"] = TestFiles.Pdf("inscription.pdf"),
        });
        Assert.EndsWith("/recapitulatif", review.Url, StringComparison.Ordinal);
        Assert.Equal(3, FilesOnDisk().Except(before).Count());

        // The reason changes: the enrolment certificate is no longer asked for, and no longer kept.
        var motif = request.Select(p => p.Item1 == "motif_demande" ? ("motif_demande", "convenances-personnelles") : p).Where(p => p.Item1 != "etablissement").ToArray();
        await session.SubmitAsync(await session.GetAsync(step2.Url), "Continuer", motif);
        review = await session.SubmitAsync(await session.GetAsync(step3.Url), "Continuer vers le récapitulatif");
        Assert.EndsWith("/recapitulatif", review.Url, StringComparison.Ordinal);
        Assert.Equal(["avis.pdf", "lettre.pdf"], await MyDataFileNamesAsync(session));
        Assert.Equal((await StorageKeysAsync(step3.Url.Split('/')[2])).Order(), FilesOnDisk().Except(before).Order());
    }

    [Fact]
    public async Task Another_applicants_files_are_untouched_and_the_retention_pass_removes_rows_and_files_no_answer_points_to()
    {
        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other, "Paul", "Zongo");
        var number = await AttestationJourney.FileAsync(other);
        var theirs = await host.ScalarAsync("SELECT string_agg(a.storage_key, ',' ORDER BY a.storage_key) FROM attachments a JOIN requests r ON r.id = a.request_id WHERE r.number = @n", ("n", number)) as string;

        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);
        var step3 = await AttestationJourney.ToDocumentsStepAsync(session);
        for (var i = 1; i <= 3; i++)
        {
            await session.SubmitAsync(await session.GetAsync(step3.Url), "Continuer vers le récapitulatif", files: new Dictionary<string, Upload>
            {
                ["cnib"] = TestFiles.Pdf($"cnib {i}.pdf"),
                ["bulletin"] = TestFiles.Png($"bulletin {i}.png"),
            });
        }

        Assert.Equal(theirs, await host.ScalarAsync("SELECT string_agg(a.storage_key, ',' ORDER BY a.storage_key) FROM attachments a JOIN requests r ON r.id = a.request_id WHERE r.number = @n", ("n", number)));
        Assert.All(theirs!.Split(','), key => Assert.True(File.Exists(Path.Combine(host.FilesPath, key)), key));
        var page = await other.GetAsync($"/mes-demandes/{number}");
        Assert.Equal(HttpStatusCode.OK, (await other.DownloadAsync(page.Html.QuerySelectorAll("a[href^='/mes-demandes/pieces/']")[0].GetAttribute("href")!)).Status);

        // What an older portal left behind: a row no answer points to (its answer dropped here), a file without a row
        // written long ago, and one written a moment ago (perhaps by another node, its row not yet committed).
        var draftId = step3.Url.Split('/')[2];
        var unanswered = (string)(await host.ScalarAsync("SELECT storage_key FROM attachments WHERE request_id = @id::uuid AND field_key = 'bulletin'", ("id", draftId)))!;
        await host.ScalarAsync("UPDATE requests SET answers = answers - 'bulletin' WHERE id = @id::uuid RETURNING 1", ("id", draftId));
        var old = Stray("2025/01");
        File.SetLastWriteTimeUtc(Path.Combine(host.FilesPath, old), DateTime.UtcNow.AddDays(-2));
        var recent = Stray("2025/02");
        using (var scope = host.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<Erasure>().ForgetStrayFilesAsync(CancellationToken.None) >= 2);
        }

        Assert.False(File.Exists(Path.Combine(host.FilesPath, unanswered)));
        Assert.False(File.Exists(Path.Combine(host.FilesPath, old)));
        Assert.True(File.Exists(Path.Combine(host.FilesPath, recent)));
        Assert.Equal(["cnib 3.pdf"], await MyDataFileNamesAsync(session));
        Assert.All(theirs.Split(','), key => Assert.True(File.Exists(Path.Combine(host.FilesPath, key)), key));
        File.Delete(Path.Combine(host.FilesPath, recent));
    }

    private string Stray(string folder)
    {
        var key = $"{folder}/{Guid.NewGuid():N}";
        Directory.CreateDirectory(Path.Combine(host.FilesPath, folder));
        File.WriteAllBytes(Path.Combine(host.FilesPath, key), TestFiles.Pdf().Content);
        return key;
    }

    private List<string> FilesOnDisk() =>
        Directory.Exists(host.FilesPath)
            ? Directory.EnumerateFiles(host.FilesPath, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(host.FilesPath, f)).ToList()
            : [];

    private async Task<List<string>> StorageKeysAsync(string requestId)
    {
        var keys = (string?)await host.ScalarAsync("SELECT string_agg(storage_key, ',') FROM attachments WHERE request_id = @id::uuid", ("id", requestId));
        return keys?.Split(',').ToList() ?? [];
    }

    /// <summary>The file names « Mes données » exports for the applicant's one request.</summary>
    private static async Task<List<string>> MyDataFileNamesAsync(WebSession session)
    {
        var (_, content, _) = await session.DownloadAsync("/mes-donnees/export.json");
        using var json = JsonDocument.Parse(content);
        return json.RootElement.GetProperty("demandes").EnumerateArray().Single()
            .GetProperty("pieces").EnumerateArray().Select(p => p.GetProperty("nom").GetString()!).Order().ToList();
    }
}
