
namespace EServices.Web.Features.BackOffice;

/// <summary>An agent takes a new request for themself.</summary>
public static class Take
{
    /// <summary>The request and the version the agent saw (none from the bulk form, which moves the state it finds).</summary>
    public sealed record Command(string Number, uint? Version);

    public sealed class Handler(Decide decide)
    {
        public Task<Decision> RunAsync(ClaimsPrincipal user, Command command, CancellationToken ct) =>
            decide.RunAsync(user, command.Number, command.Version, (r, by, now) => r.Take(by, now), ct);
    }
}
