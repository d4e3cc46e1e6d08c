using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using EServices.Web.Infrastructure.Storage;
using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure.Telemetry;

/// <summary>
/// The portal's own measures, read by Prometheus on /metrics beside ASP.NET Core's and Npgsql's (docs/operations.md
/// lists them with the alerts of deploy/prometheus). Counters count what this node did; the backlogs are the database's,
/// the same on every node (alerts take their max).
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "EServices";

    private readonly ConcurrentDictionary<(string From, string To), StrongBox<long>> _moves = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _settled = new();
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, TimeSpan Period)> _jobs = new();
    private volatile Backlogs? _backlogs;

    private readonly TimeProvider _clock;

    public PortalMetrics(IMeterFactory meters, WaitingRoom.WaitingRoom room, IOptions<StorageOptions> storage, TimeProvider clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        // Observed, not pushed: a count exists from the first scrape, at 0, even when it grows before the exporter listens
        // (a series first seen at 1 gives rate() no increase to find).
        meter.CreateObservableCounter("eservices.requests.transitions", () => _moves.Select(m =>
            new Measurement<long>(Volatile.Read(ref m.Value.Value), new("from", m.Key.From), new("to", m.Key.To))), "{transition}",
            "Requests moved from one status to another: Draft to Submitted is a filing, to Accepted or Rejected a decision.");
        meter.CreateObservableCounter("eservices.payments.settled", () => _settled.Select(m =>
            new Measurement<long>(Volatile.Read(ref m.Value.Value), new KeyValuePair<string, object?>("status", m.Key))), "{payment}",
            "Payment attempts that left Pending: Paid, Failed or Expired.");
        foreach (var from in Enum.GetValues<RequestStatus>())
        {
            foreach (var to in Enum.GetValues<RequestStatus>().Where(to => to != from))
            {
                RequestMoved(from.ToString(), to.ToString(), 0);
            }
        }

        foreach (var settled in new[] { PaymentStatus.Paid, PaymentStatus.Failed, PaymentStatus.Expired })
        {
            PaymentSettled(settled.ToString(), 0);
        }

        meter.CreateObservableGauge("eservices.outbox.pending", () => Backlog(b =>
            [new(b.EmailsPending, Channel("email")), new(b.SmsPending, Channel("sms"))]), "{message}",
            "E-mails and SMS waiting to be handed to the mail server or the SMS gateway.");
        meter.CreateObservableGauge("eservices.outbox.oldest_pending_age", () => Backlog(b =>
            [new(b.OldestEmailAge, Channel("email")), new(b.OldestSmsAge, Channel("sms"))]), "s",
            "How long the oldest message still waiting has waited (0 when none waits).");
        meter.CreateObservableGauge("eservices.payments.pending", () => Backlog(b => [new(b.PaymentsPending)]), "{payment}",
            "Payment attempts still Pending: the reconciliation job asks the provider about each until it knows.");
        meter.CreateObservableGauge("eservices.payments.oldest_pending_age", () => Backlog(b => [new(b.OldestPaymentAge)]), "s",
            "How long the oldest Pending payment attempt has been unknown (0 when none is); up to 48 h is normal (Payments:CheckWindow).");
        meter.CreateObservableGauge("eservices.payments.overdue_checks", () => Backlog(b => [new(b.PaymentsOverdue)]), "{payment}",
            "Pending payment attempts whose check with the provider is over 10 minutes late: the reconciliation job is stuck or failing.");

        meter.CreateObservableGauge("eservices.waiting_room.visitors", () =>
        {
            var (admitted, waiting, _) = room.Snapshot();
            return new Measurement<int>[] { new(admitted, State("admitted")), new(waiting, State("waiting")) };
        }, "{visitor}", "Candidates admitted to a competition's application pages, and waiting in line, on this node.");
        meter.CreateObservableGauge("eservices.waiting_room.capacity", () => room.Snapshot().Capacity, "{visitor}",
            "How many candidates this node admits at once.");

        meter.CreateObservableGauge("eservices.job.last_success_timestamp", () => _jobs.Select(j =>
            new Measurement<double>(j.Value.At.ToUnixTimeMilliseconds() / 1000.0, Job(j.Key))), "s",
            "When each background job last ended a pass without failing, or started if none has (Unix time).");
        meter.CreateObservableGauge("eservices.job.period", () => _jobs.Select(j =>
            new Measurement<double>(j.Value.Period.TotalSeconds, Job(j.Key))), "s",
            "The wait between two passes of each background job: a job is late after a few of them.");

        var files = Path.GetFullPath(storage.Value.Path);
        meter.CreateObservableGauge("eservices.storage.free", () => Drive(files, d => d.AvailableFreeSpace), "By",
            "Free space on the disk that holds the uploaded and issued files.");
        meter.CreateObservableGauge("eservices.storage.size", () => Drive(files, d => d.TotalSize), "By",
            "Size of the disk that holds the uploaded and issued files.");
    }

    /// <summary>What the backlog sampler last read from the database.</summary>
    public sealed record Backlogs(
        long EmailsPending, double OldestEmailAge, long SmsPending, double OldestSmsAge, long PaymentsPending, double OldestPaymentAge,
        long PaymentsOverdue, DateTimeOffset ReadAt, TimeSpan Period);

    public void RequestMoved(string from, string to, long count = 1) => Interlocked.Add(ref _moves.GetOrAdd((from, to), _ => new()).Value, count);

    public void PaymentSettled(string status, long count = 1) => Interlocked.Add(ref _settled.GetOrAdd(status, _ => new()).Value, count);

    public void JobStarted(string job, DateTimeOffset at, TimeSpan period) => _jobs.TryAdd(job, (at, period));

    public void JobSucceeded(string job, DateTimeOffset at, TimeSpan period) => _jobs[job] = (at, period);

    public void BacklogsRead(Backlogs backlogs) => _backlogs = backlogs;

    /// <summary>Nothing once the last read is three periods old (the database is down): frozen figures would clear the
    /// backlog alerts while nothing is sent.</summary>
    private Measurement<double>[] Backlog(Func<Backlogs, Measurement<double>[]> read) =>
        _backlogs is { } backlogs && _clock.GetUtcNow() - backlogs.ReadAt <= 3 * backlogs.Period ? read(backlogs) : [];

    /// <summary>Nothing rather than an error when the folder's disk cannot be read (not made yet, unmounted).</summary>
    private static Measurement<long>[] Drive(string folder, Func<DriveInfo, long> read)
    {
        long value;
        try
        {
            value = read(new DriveInfo(folder));
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }

        return [new Measurement<long>(value)];
    }

    private static KeyValuePair<string, object?> Channel(string value) => new("channel", value);

    private static KeyValuePair<string, object?> State(string value) => new("state", value);

    private static KeyValuePair<string, object?> Job(string value) => new("background_job", value); // "job" is Prometheus' own target label
}
