using System.Net;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using static EServices.Tests.Features.Convocations.ConvocationSeed;

namespace EServices.Tests.Features.Convocations;

/// <summary>After numbering, the background job produces one signed convocation per candidate, restartable without
/// duplicates; the candidate downloads theirs, anyone checks it, AGRE follows the progress.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class ConvocationTests(CandidacyHost host)
{
    [Fact]
    public async Task The_job_gives_each_numbered_candidate_one_convocation_that_only_they_download_one_SMS_and_a_QR_anyone_checks()
    {
        using var candidate = host.NewSession();
        var seeded = await AddAsync(host, candidate, 30);

        await RunAsync(Job(host));

        Assert.Equal(30, await CountAsync(host, Issued, seeded));
        Assert.Equal(30, await CountAsync(host, Distinct, seeded));
        Assert.Equal(0, await CountAsync(host, StillDue, seeded));
        Assert.Equal(30, await CountAsync(host, SmsQueued, seeded));
        var sms = (string)(await host.ScalarAsync("SELECT text FROM outbox_sms WHERE request_id = @id", ("id", seeded.RequestId)))!;
        Assert.Contains($"table {seeded.ExamPrefix}00001, Ouagadougou salle 1 place 1", sms, StringComparison.Ordinal);
        Assert.Contains($"/d/{seeded.Number}", sms, StringComparison.Ordinal);

        var detail = await candidate.GetAsync($"/mes-demandes/{seeded.Number}");
        Assert.Contains($"numéro de table {seeded.ExamPrefix}00001", detail.Text, StringComparison.Ordinal);
        var (status, pdf, response) = await candidate.DownloadAsync(detail.Html.QuerySelector("a[href$='/convocation']")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = FilingTests.PdfText(pdf);
        foreach (var expected in new[]
                 {
                     "CONVOCATION", seeded.Competition.Title, "Adjoints administratifs", "OUÉDRAOGO Awa Éléonore", "15/01/2000",
                     $"Numéro de table : {seeded.ExamPrefix}00001", "Ouagadougou", "Salle :", "CNIB",
                     EServices.Web.Competitions.OuagadougouTime.Format(seeded.Competition.ExamAt), "/verifier/",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        for (var i = 2; i <= 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await candidate.DownloadAsync($"/mes-demandes/{seeded.Number}-{i}/convocation")).Status);
        }

        using var other = host.NewSession();
        await TestUsers.SignUpAsync(other, "Issa", "Zongo");
        Assert.Equal(HttpStatusCode.NotFound, (await other.DownloadAsync($"/mes-demandes/{seeded.Number}/convocation")).Status);

        // The QR code, as a phone reads it, and the code printed under it: a convocation, its competition, its centre.
        using var visitor = host.NewSession();
        var qr = await QrReader.ReadAsync(pdf);
        Assert.Contains("/V/V/", qr, StringComparison.Ordinal);
        var code = (string)(await host.ScalarAsync("SELECT code FROM issued_documents WHERE request_id = @id AND kind = 'Convocation'", ("id", seeded.RequestId)))!;
        foreach (var check in new[] { await visitor.GetAsync(new Uri(qr).AbsolutePath), await visitor.GetAsync($"/verifier/{code}") })
        {
            Assert.Contains("Document authentique", check.Text, StringComparison.Ordinal);
            Assert.Contains($"Nature Convocation Numéro de table {seeded.ExamPrefix}00001", check.Text, StringComparison.Ordinal);
            Assert.Contains($"Concours {seeded.Competition.Title} Centre d'examen Ouagadougou", check.Text, StringComparison.Ordinal);
            Assert.Contains("Titulaire O******** A** É*******", check.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("Éléonore", check.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_batch_that_fails_after_rendering_leaves_nothing_and_the_resumed_job_on_two_nodes_misses_none_and_repeats_none()
    {
        using var candidate = host.NewSession();
        var seeded = await AddAsync(host, candidate, 30);
        // A crash once the PDFs are rendered: the insert of the 17th candidate's convocation fails, with its whole batch.
        var trigger = $"fail_{seeded.ExamPrefix.ToLowerInvariant()}";
        await host.ScalarAsync($"""
            CREATE FUNCTION {trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected crash'; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON issued_documents FOR EACH ROW WHEN (NEW.number = '{seeded.ExamPrefix}00017') EXECUTE FUNCTION {trigger}();
            """);
        try
        {
            var job = Job(host, batch: 7);
            await Assert.ThrowsAnyAsync<Exception>(async () => await RunAsync(job));
            var issued = await CountAsync(host, Issued, seeded);
            Assert.InRange(issued, 0, 23);
            Assert.Equal(issued, await CountAsync(host, Distinct, seeded));
            Assert.Equal(30 - issued, await CountAsync(host, StillDue, seeded));
            Assert.Equal(issued, await CountAsync(host, SmsQueued, seeded));
        }
        finally
        {
            await host.ScalarAsync($"DROP TRIGGER {trigger} ON issued_documents; DROP FUNCTION {trigger}();");
        }

        // Resumed on two nodes at once, small batches so that they meet.
        await Task.WhenAll(RunAsync(Job(host, batch: 3)), RunAsync(Job(host, batch: 3)));

        Assert.Equal(30, await CountAsync(host, Issued, seeded));
        Assert.Equal(30, await CountAsync(host, Distinct, seeded));
        Assert.Equal(0, await CountAsync(host, StillDue, seeded));
        Assert.Equal(30, await CountAsync(host, SmsQueued, seeded));
        Assert.Equal(0L, await host.ScalarAsync(
            "SELECT count(*) FROM candidacies c WHERE c.competition_id = @competition AND NOT EXISTS (SELECT 1 FROM issued_documents d WHERE d.request_id = c.request_id AND d.kind = 'Convocation' AND d.number = c.exam_number)",
            ("competition", seeded.Competition.Id)));
    }

    [Fact]
    public async Task AGRE_waits_for_the_numbering_asks_once_for_the_convocations_and_follows_their_progress()
    {
        using var candidate = host.NewSession();
        var seeded = await AddAsync(host, candidate, 12, requested: false);
        var id = seeded.Competition.Id;
        await host.ScalarAsync("UPDATE competitions SET numbered_at = NULL WHERE id = @id", ("id", id));
        using var agre = host.NewSession();
        await TestStaff.SignInAsync(host, agre, Roles.Supervisor, "AGRE", "Mariam", "Sawadogo");

        var competitionPage = await agre.GetAsync($"/admin/concours/{id}");
        var waiting = await agre.ClickAsync(competitionPage, "Convocations des candidats");
        Assert.Equal($"/admin/concours/{id}/convocations", waiting.Url);
        Assert.Contains("Les convocations attendent la numérotation", waiting.Text, StringComparison.Ordinal);
        Assert.Null(waiting.Html.QuerySelector("form[action$='/convocations'] button"));

        await host.ScalarAsync("UPDATE competitions SET numbered_at = closes_at WHERE id = @id", ("id", id));
        var ready = await agre.GetAsync($"/admin/concours/{id}/convocations");
        Assert.Contains("12 candidats numérotés.", ready.Text, StringComparison.Ordinal);
        Assert.Null(ready.Html.QuerySelector("meta[http-equiv=refresh]"));

        // A double click: two posts of the same page.
        var running = await agre.SubmitAsync(ready, "Générer les convocations");
        var again = await agre.SubmitAsync(ready, "Générer les convocations");
        Assert.Contains("Génération des convocations lancée", running.Text, StringComparison.Ordinal);
        Assert.Contains("Génération en cours : 0 convocation produite sur 12.", running.Text, StringComparison.Ordinal);
        Assert.Null(running.Html.QuerySelector("meta[http-equiv=refresh]"));
        Assert.Contains("Encore 12 à produire en arrière-plan", running.Text, StringComparison.Ordinal);
        Assert.Contains("La génération des convocations est déjà lancée.", again.Text, StringComparison.Ordinal);
        Assert.Equal(1L, await host.ScalarAsync(
            "SELECT count(*) FROM audit_entries WHERE target_type = 'concours' AND target_id = @id AND action LIKE 'Génération des convocations demandée (12 %'",
            ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        await Job(host, batch: 5).RunOnceAsync(CancellationToken.None);
        var progress = await agre.ClickAsync(running, "Actualiser");
        Assert.Equal($"/admin/concours/{id}/convocations", progress.Url);
        Assert.Contains("5 convocations produites sur 12", progress.Text, StringComparison.Ordinal);
        await RunAsync(Job(host));
        var done = await agre.ClickAsync(progress, "Actualiser");
        Assert.Contains("Terminé : les 12 convocations sont produites", done.Text, StringComparison.Ordinal);
        Assert.Null(done.Html.QuerySelector("meta[http-equiv=refresh]"));
        Assert.DoesNotContain(done.Html.QuerySelectorAll("main a"), a => a.TextContent == "Actualiser");

        using var visitor = host.NewSession();
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync($"/admin/concours/{id}/convocations", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await agre.GetAsync("/admin/concours/999999/convocations")).Status);
    }
}
