namespace EServices.Tests.Infrastructure;

/// <summary>Real time moved to a chosen start: dates are known in advance while timers still run.</summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private long _offsetTicks = (start - System.GetUtcNow()).Ticks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves "now" by <paramref name="by"/> (a test that needs a deadline to pass moves it back when done).</summary>
    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
