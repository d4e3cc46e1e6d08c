using System.Diagnostics;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Data;
using EServices.Web.Domain.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Metrics;

/// <summary>/metrics as Prometheus reads it, a real Prometheus evaluating the repository's rules on it, and the rules' own tests.</summary>
public sealed class MetricsTests(MetricsHost host) : IClassFixture<MetricsHost>
{
    private static double Filings(Scrape scrape) =>
        scrape.Sum("eservices_requests_transitions_total", ("from", "Draft"), ("to", "Submitted")) ?? 0;

    [Fact]
    public async Task A_filing_a_waiting_email_the_jobs_and_the_requests_show_and_the_database_password_does_not()
    {
        var before = await host.ScrapeAsync();
        using var applicant = host.LoopbackSession();
        await TestUsers.SignUpAsync(applicant);
        await AttestationJourney.FileAsync(applicant);

        // An e-mail the mail server has not taken for 20 minutes, due again tomorrow (the dispatch job leaves it).
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.OutboxEmails.Add(new OutboxEmail
            {
                To = "attente@exemple.bf", Subject = "En attente", Body = "…", CreatedAt = now.AddMinutes(-20), NextAttemptAt = now.AddDays(1),
            });
            await db.SaveChangesAsync();
        }

        var after = await host.ScrapeUntilAsync(s => s.Sum("eservices_outbox_oldest_pending_age_seconds", ("channel", "email")) >= 1200);
        Assert.True(after.Sum("eservices_outbox_oldest_pending_age_seconds", ("channel", "email")) >= 1200, after.Text);
        Assert.True(after.Sum("eservices_outbox_pending", ("channel", "email")) >= 1);
        Assert.Equal(0, after.Sum("eservices_outbox_pending", ("channel", "sms")));
        Assert.Equal(0, after.Sum("eservices_payments_pending"));
        Assert.Equal(1, Filings(after) - Filings(before));

        // The review page posted and was redirected to the request: ASP.NET Core's own measures, by route and status.
        Assert.True(after.Sum("http_server_request_duration_seconds_count", ("http_request_method", "POST"), ("http_response_status_code", "302")) >= 1);
        Assert.NotNull(after.Sum("db_client_operation_duration_seconds_count"));
        Assert.NotNull(after.Sum("dotnet_gc_heap_total_allocated_bytes_total"));

        foreach (var job in new[] { "EmailDispatchJob", "SmsDispatchJob", "AuditSealJob", "ReconciliationJob", "BacklogSampler" })
        {
            Assert.True(after.Sum("eservices_job_last_success_timestamp_seconds", ("background_job", job)) >= now.AddMinutes(-1).ToUnixTimeSeconds(), job);
        }

        Assert.Equal(1, after.Sum("eservices_job_period_seconds", ("background_job", "BacklogSampler")));
        Assert.True(after.Sum("eservices_storage_free_bytes") > 0);
        Assert.True(after.Sum("eservices_storage_size_bytes") >= after.Sum("eservices_storage_free_bytes"));
        Assert.Equal(0, after.Sum("eservices_waiting_room_visitors", ("state", "waiting")));
        Assert.True(after.Sum("eservices_waiting_room_capacity") > 0);
        Assert.DoesNotContain(host.DatabasePassword, after.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_move_counts_once_committed_and_not_when_rolled_back()
    {
        using var applicant = host.LoopbackSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        var before = await host.ScrapeAsync();
        Assert.Equal(0, UnderReview(before));

        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var id = await db.Requests.Where(r => r.Number == number).Select(r => r.Id).SingleAsync();
        foreach (var commit in new[] { false, true })
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(new RequestEvent { RequestId = id, At = DateTimeOffset.UtcNow, From = RequestStatus.Submitted, To = RequestStatus.UnderReview });
            await db.SaveChangesAsync();
            Assert.Equal(0, UnderReview(await host.ScrapeAsync())); // saved, not yet committed
            await (commit ? transaction.CommitAsync() : transaction.RollbackAsync());
        }

        Assert.Equal(1, UnderReview(await host.ScrapeAsync()));

        static double UnderReview(Scrape scrape) =>
            scrape.Sum("eservices_requests_transitions_total", ("from", "Submitted"), ("to", "UnderReview")) ?? 0;
    }

    [Fact]
    public async Task A_real_prometheus_scrapes_the_portal_and_records_the_rules()
    {
        await using var prometheus = PrometheusServer.Start(host.BaseAddress);
        Assert.Equal(1, await prometheus.QueryUntilAsync("up{job=\"eservices\"}", v => v == 1));
        // Two scrapes at least before the filing, so that the rate sees it happen.
        Assert.True(await prometheus.QueryUntilAsync("count_over_time(up{job=\"eservices\"}[1m])", v => v >= 2) >= 2);

        using var applicant = host.LoopbackSession();
        await TestUsers.SignUpAsync(applicant);
        await AttestationJourney.FileAsync(applicant);

        Assert.True(await prometheus.QueryUntilAsync("eservices:filings:rate5m", v => v > 0) > 0,
            await prometheus.AnswerAsync("eservices_requests_transitions_total[1m]"));
        Assert.True(await prometheus.QueryUntilAsync("eservices:http_requests:rate5m", v => v > 0) > 0);
        Assert.Equal(0, await prometheus.QueryUntilAsync("eservices:http_5xx:ratio_rate5m", v => v == 0));
        // Labelled background_job: a label "job" would be renamed exported_job, Prometheus keeping its own.
        Assert.Equal(1, await prometheus.QueryUntilAsync("max(eservices_job_period_seconds{background_job=\"BacklogSampler\"})", v => v == 1));
    }

    [Fact]
    public async Task The_alert_rules_pass_their_unit_tests()
    {
        var rules = Path.Combine(Repository.Root, "deploy", "prometheus");
        var run = Process.Start(new ProcessStartInfo("promtool")
        {
            ArgumentList = { "test", "rules", "rules.test.yml" },
            WorkingDirectory = rules,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await run.StandardOutput.ReadToEndAsync() + await run.StandardError.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.True(run.ExitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }
}
