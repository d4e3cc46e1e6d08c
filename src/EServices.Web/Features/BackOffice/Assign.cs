using EServices.Web.Workflow;

namespace EServices.Web.Features.BackOffice;

/// <summary>A head of service gives a request to a colleague (or takes it back from one).</summary>
public static class Assign
{
    public const string ChooseAgent = "Choisissez un agent du service.";

    public sealed record Command(string Number, uint? Version, string? Agent);

    public sealed class Handler(Decide decide, StaffScope scope)
    {
        /// <summary>The one membership rule, for the request page and the bulk form alike: the agent is a member of the
        /// request's service (<see cref="StaffScope.ColleaguesAsync"/>, the list the page offers).</summary>
        public async Task<Decision> RunAsync(ClaimsPrincipal user, Command command, CancellationToken ct)
        {
            var service = await (await scope.RequestsAsync(user, ct)).Where(r => r.Number == command.Number)
                .Select(r => (int?)r.Procedure.ServiceId).FirstOrDefaultAsync(ct);
            if (service is null)
            {
                return Decision.NotFound;
            }

            var (agentId, name) = (await scope.ColleaguesAsync(service.Value, ct)).FirstOrDefault(c => c.Id == command.Agent);
            return agentId is null
                ? new(DecisionOutcome.Invalid, ChooseAgent, "agent")
                : await decide.RunAsync(user, command.Number, command.Version, (r, by, now) => r.Assign(by, agentId, name, now), ct);
        }
    }
}
