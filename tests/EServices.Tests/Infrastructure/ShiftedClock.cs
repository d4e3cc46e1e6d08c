namespace EServices.Tests.Infrastructure;

/// <summary>Real time moved to a chosen start: dates are known in advance while timers still run.</summary>
public sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _offset = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _offset;
}
