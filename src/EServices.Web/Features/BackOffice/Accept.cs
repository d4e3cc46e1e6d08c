using EServices.Web.Documents;

namespace EServices.Web.Features.BackOffice;

/// <summary>Accepts a request and issues its certificate in the same transaction (a recent second factor is asked first).</summary>
public static class Accept
{
    public sealed record Command(string Number, uint? Version);

    public sealed class Handler(Decide decide, IssueCertificate certificates)
    {
        public Task<Decision> RunAsync(ClaimsPrincipal user, Command command, CancellationToken ct) =>
            decide.RunAsync(user, command.Number, command.Version, (r, by, now) => r.Accept(by, now), ct, (r, now) => certificates.RunAsync(r, now, ct));
    }
}
