
namespace EServices.Web.Features.BackOffice;

/// <summary>Closes a request without follow-up, saying why (no document is issued).</summary>
public static class Close
{
    public sealed record Command(string Number, uint? Version, string? Raison);

    public sealed class Validator() : ReasonValidator<Command>(c => c.Raison, "raison", "Indiquez pourquoi la demande est classée sans suite.");

    public sealed class Handler(Decide decide)
    {
        public Task<Decision> RunAsync(ClaimsPrincipal user, Command command, CancellationToken ct) =>
            decide.RunAsync(user, command.Number, command.Version, (r, by, now) => r.Close(by, command.Raison!, now), ct);
    }
}
