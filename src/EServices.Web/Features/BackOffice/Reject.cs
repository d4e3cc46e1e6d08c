using EServices.Web.Documents;

namespace EServices.Web.Features.BackOffice;

/// <summary>Rejects a request with a reason the applicant reads, and issues the refusal letter (after a recent second factor).</summary>
public static class Reject
{
    public sealed record Command(string Number, uint? Version, string? Motif);

    public sealed class Validator() : ReasonValidator<Command>(c => c.Motif, "motif", "Indiquez le motif du rejet : il sera communiqué au demandeur.");

    public sealed class Handler(Decide decide, IssueCertificate letters)
    {
        public Task<Decision> RunAsync(ClaimsPrincipal user, Command command, CancellationToken ct) =>
            decide.RunAsync(user, command.Number, command.Version, (r, by, now) => r.Reject(by, command.Motif!, now), ct, (r, now) => letters.RunAsync(r, now, ct));
    }
}
