namespace EServices.Web.Infrastructure.WaitingRoom;

/// <summary>Section "WaitingRoom": how many candidates one node lets fill their application at once, the rest wait their
/// turn on a light page. Sized from the node's measured capacity (docs/scaling.md).</summary>
public sealed class WaitingRoomOptions
{
    public const string Section = "WaitingRoom";

    public bool Enabled { get; set; } = true;

    /// <summary>Candidates admitted at once on this node.</summary>
    public int Capacity { get; set; } = 2000;

    /// <summary>An admitted candidate who sends nothing for this long gives their place to the next one (their drafts stay;
    /// a form they post later is still taken).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the waiting page reloads itself, give or take a fifth (drawn at each reload, so that the reloads of
    /// the queue stay spread over time).</summary>
    public TimeSpan RetryEvery { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often it reloads for the first <see cref="Capacity"/> of the queue, those a freed place goes to: a place
    /// is taken within a couple of seconds instead of standing empty for most of <see cref="RetryEvery"/> (measured:
    /// with 15 s for everyone, a node filing 16 candidates a second let in 1.4 a second; docs/benchmarks.md).</summary>
    public TimeSpan FrontRetryEvery { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A waiting visitor whose page stopped reloading for this long has left the queue.</summary>
    public TimeSpan TicketTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
