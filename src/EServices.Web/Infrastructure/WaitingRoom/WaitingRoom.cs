using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure.WaitingRoom;

/// <summary>A place in the queue: when the visitor first arrived (any node), then a random tie-break.</summary>
public readonly record struct Ticket(long ArrivedTicks, Guid Id)
{
    public static readonly IComparer<Ticket> ByArrival = Comparer<Ticket>.Create((a, b) =>
        a.ArrivedTicks != b.ArrivedTicks ? a.ArrivedTicks.CompareTo(b.ArrivedTicks) : a.Id.CompareTo(b.Id));
}

/// <summary>What the node decided for one visitor: admitted (with the admission to keep), or waiting at a position.</summary>
public sealed record Admission(bool Admitted, Guid AdmissionId, Ticket? Ticket, int Position);

/// <summary>
/// The node's waiting room, in memory: the candidates admitted (seen within the idle timeout) and the visitors waiting, in
/// order of arrival. A visitor keeps their admission or ticket in a signed cookie, so that another node or a restarted one
/// honours an admission and keeps a waiting visitor's rank by arrival time. Candidates already admitted are never sent
/// back to the queue: the room bounds how many start, not how many finish.
/// </summary>
public sealed class WaitingRoom(IOptions<WaitingRoomOptions> options, TimeProvider clock, ILogger<WaitingRoom> logger)
{
    private readonly Lock _lock = new();
    /// <summary>Admissions this node gave, with when last seen and whether the visitor came back with its cookie: one who
    /// never does (a script, a client without cookies) holds its place only as long as a waiting ticket would.</summary>
    private readonly Dictionary<Guid, (DateTimeOffset Seen, bool Returned)> _admitted = [];

    /// <summary>Tickets that already let someone in: shown again, they count as a new arrival.</summary>
    private readonly Dictionary<Guid, DateTimeOffset> _spent = [];
    /// <summary>The queue in order of arrival, with when each ticket was last shown. A sorted list, so that a visitor's place
    /// is a binary search: with tens of thousands waiting and each reloading every few seconds, walking the queue under
    /// the lock would cost more than the page. New arrivals go to its end (cheap); admissions leave from its head.</summary>
    private SortedList<Ticket, DateTimeOffset> _waiting = new(Ticket.ByArrival);
    private DateTimeOffset _pruned;
    private DateTimeOffset _reported;
    private DateTimeOffset? _queueSince;

    public WaitingRoomOptions Options => options.Value;

    /// <summary>This process: admissions are counted only by the node that gave them (any node honours them).</summary>
    public Guid NodeId { get; } = Guid.NewGuid();

    /// <summary>The visitor with this admission (verified, still valid) or ticket, or with neither, asks to go in.</summary>
    public Admission Enter(Guid? admission, Ticket? ticket) => Enter(admission, NodeId, ticket);

    /// <summary>The same, for an admission given by <paramref name="node"/>: another node's is served, not counted here.</summary>
    public Admission Enter(Guid? admission, Guid node, Ticket? ticket)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            Prune(now, settings);
            if (admission is { } admitted)
            {
                if (node == NodeId)
                {
                    _admitted[admitted] = (now, true);
                }

                return new Admission(true, admitted, null, 0);
            }

            if (ticket is { } shown && _spent.ContainsKey(shown.Id))
            {
                ticket = null;
            }

            try
            {
                return Queue(ticket, now, settings);
            }
            finally
            {
                Report(now, settings);
            }
        }
    }

    /// <summary>A visitor without admission: admitted at once while no one waits and places are free, else queued by
    /// arrival; the first of the queue take the places freed since their last reload.</summary>
    private Admission Queue(Ticket? ticket, DateTimeOffset now, WaitingRoomOptions settings)
    {
        var free = settings.Capacity - _admitted.Count;
        if (ticket is null && _waiting.Count == 0 && free > 0)
        {
            return Admit(now);
        }

        var mine = ticket ?? new Ticket(now.UtcTicks, Guid.NewGuid());
        _waiting[mine] = now;
        var rank = _waiting.IndexOfKey(mine);
        if (rank < free)
        {
            _waiting.Remove(mine);
            _spent[mine.Id] = now;
            return Admit(now);
        }

        return new Admission(false, Guid.Empty, mine, rank + 1);
    }

    /// <summary>The candidate has left the application pages for the payment (or filed): their place frees now, not after the
    /// idle timeout — otherwise a node lets in capacity ÷ (journey + idle timeout) candidates a second, a fraction of what
    /// it files. Their admission stays valid: back on the application pages (a payment given up), it is honoured again.</summary>
    public void Leave(Guid admission)
    {
        lock (_lock)
        {
            _admitted.Remove(admission);
        }
    }

    /// <summary>Admitted, waiting and capacity now, for /health.</summary>
    public (int Admitted, int Waiting, int Capacity) Snapshot()
    {
        lock (_lock)
        {
            Prune(clock.GetUtcNow(), options.Value);
            return (_admitted.Count, _waiting.Count, options.Value.Capacity);
        }
    }

    private Admission Admit(DateTimeOffset now)
    {
        var id = Guid.NewGuid();
        _admitted[id] = (now, false);
        return new Admission(true, id, null, 0);
    }

    /// <summary>Forgets the idle admitted and the waiting who stopped reloading; at most once a second under load.</summary>
    private void Prune(DateTimeOffset now, WaitingRoomOptions settings)
    {
        var since = now - _pruned;
        if (since >= TimeSpan.Zero && since < TimeSpan.FromSeconds(1))
        {
            return;
        }

        _pruned = now;
        foreach (var (id, _) in _admitted.Where(a => now - a.Value.Seen > (a.Value.Returned ? settings.IdleTimeout : settings.TicketTimeout)).ToList())
        {
            _admitted.Remove(id);
        }

        foreach (var (id, _) in _spent.Where(t => now - t.Value > settings.TicketTimeout).ToList())
        {
            _spent.Remove(id);
        }

        // Rebuilt rather than removed one by one: each removal from a sorted list moves the rest of it.
        if (_waiting.Values.Any(seen => now - seen > settings.TicketTimeout))
        {
            var kept = new SortedList<Ticket, DateTimeOffset>(_waiting.Count, Ticket.ByArrival);
            foreach (var (ticket, seen) in _waiting.Where(w => now - w.Value <= settings.TicketTimeout))
            {
                kept.Add(ticket, seen);
            }

            _waiting = kept;
        }
    }

    /// <summary>The logs show the queue: when it forms, once a minute while it lasts, and when it is gone.</summary>
    private void Report(DateTimeOffset now, WaitingRoomOptions settings)
    {
        if (_waiting.Count == 0)
        {
            if (_queueSince is { } since)
            {
                _queueSince = null;
                logger.LogInformation("Waiting room: no one waits any more after {Minutes:0} min; {Admitted} candidates admitted of {Capacity}",
                    (now - since).TotalMinutes, _admitted.Count, settings.Capacity);
            }

            return;
        }

        _queueSince ??= now;
        if ((now - _reported).Duration() >= TimeSpan.FromMinutes(1))
        {
            _reported = now;
            logger.LogWarning("Waiting room full: {Waiting} visitors waiting, {Admitted} candidates admitted of {Capacity}",
                _waiting.Count, _admitted.Count, settings.Capacity);
        }
    }
}
