using EServices.Web.Workflow;

namespace EServices.Web.Features.BackOffice;

public enum DecisionOutcome
{
    Done,
    Refused,
    NotFound,

    /// <summary>The form named something the request does not have (an agent outside its service, a field outside its form).</summary>
    Invalid,
}

/// <summary>What an action came to: the message for the agent or, when <see cref="DecisionOutcome.Invalid"/>, the error shown
/// next to the form's <see cref="Field"/>.</summary>
public sealed record Decision(DecisionOutcome Outcome, string Message, string? Field = null)
{
    public static readonly Decision NotFound = new(DecisionOutcome.NotFound, "");
}

/// <summary>
/// Applies one move of the state machine to a request the member of staff may see, notifies the applicant,
/// and saves all of it in one transaction (with the certificate, on acceptance). The version the agent was looking at must still be current: of two agents
/// acting together, exactly one wins and the other is told so.
/// </summary>
public sealed class Decide(AppDbContext db, StaffScope scope, Notices notices, TimeProvider clock)
{
    public const string Conflict = "Cette demande vient d'être modifiée par quelqu'un d'autre : voici son état actuel. Vérifiez-le avant d'agir.";

    /// <summary>Runs <paramref name="move"/> (the request, the member of staff's id, now), then <paramref name="then"/>, and
    /// queues the notice of the request's new status.</summary>
    public Task<Decision> RunAsync(
        ClaimsPrincipal user, string number, uint? version, Action<Request, string, DateTimeOffset> move, CancellationToken ct,
        Func<Request, DateTimeOffset, Task>? then = null) =>
        InTransactionAsync(user, number, version, async (request, actor, now) =>
        {
            move(request, actor, now);
            if (then is not null)
            {
                await then(request, now);
            }

            var applicant = await db.Users.AsNoTracking().SingleAsync(u => u.Id == request.ApplicantId, ct);
            await notices.EnqueueAsync(request, applicant, now, ct);
            return new(DecisionOutcome.Done, $"Demande {number} : {request.Status.Label().ToLowerInvariant()}.");
        }, ct);

    /// <summary>What every move shares: one transaction, the request read within the user's scope, the version the agent
    /// saw, and the save of which, of two agents acting together, one loses. <paramref name="act"/> (the request, the
    /// member of staff's id, now) makes the move with all that goes with it and answers the outcome; anything but Done,
    /// or a refused transition, saves nothing.</summary>
    public async Task<Decision> InTransactionAsync(
        ClaimsPrincipal user, string number, uint? version, Func<Request, string, DateTimeOffset, Task<Decision>> act, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await (await scope.RequestsAsync(user, ct))
            .Include(r => r.Procedure).ThenInclude(p => p.Service)
            .Include(r => r.FormVersion)
            .FirstOrDefaultAsync(r => r.Number == number, ct);
        if (request is null)
        {
            return Decision.NotFound;
        }

        // A version is what the agent saw; without one (bulk actions) the move applies to the state read here.
        if (version is { } seen)
        {
            if (request.Version != seen)
            {
                return new(DecisionOutcome.Refused, Conflict);
            }

            db.Entry(request).Property(r => r.Version).OriginalValue = seen;
        }

        try
        {
            var outcome = await act(request, user.FindFirstValue(ClaimTypes.NameIdentifier)!, clock.GetUtcNow());
            if (outcome.Outcome != DecisionOutcome.Done)
            {
                return outcome;
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return outcome;
        }
        catch (InvalidTransitionException refused)
        {
            return new(DecisionOutcome.Refused, refused.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(DecisionOutcome.Refused, Conflict);
        }
    }
}
