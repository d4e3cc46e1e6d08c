using EServices.Web.Competitions;
using EServices.Web.Forms;

namespace EServices.Web.Features.Competitions;

/// <summary>
/// « Payer et déposer »: the application leaves its review for its payment, with the competition's fee fixed now and a
/// payment code for the counter; a free competition files at once. Everything is checked again under the request's
/// lock (a double click finds it already waiting or filed): the window by the server's clock, the conditions, the
/// documents, the centre, the form. Then the application holds its CNIB and its seat (Candidacies.HoldAsync): the session's
/// maximum per CNIB, the unique index and the centre's capacity decide; a refusal changes nothing.
/// </summary>
public static class SubmitApplication
{
    /// <summary>The tracking number of the filed application, or that it waits for payment, or why neither (and whether
    /// because its centre is full: the candidate chooses another).</summary>
    public sealed record Result(string? Number, string? Refusal, bool AwaitingPayment = false, bool CentreFull = false);

    public sealed class Handler(AppDbContext db, RequestFiling filing, Candidacies candidacies, TimeProvider clock)
    {
        public Task<Result> HandleAsync(Guid id, string applicantId, CancellationToken ct) =>
            db.Database.CreateExecutionStrategy().ExecuteAsync(token => SubmitAsync(id, applicantId, token), ct);

        private async Task<Result> SubmitAsync(Guid id, string applicantId, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var request = await filing.LockAsync(id, ct);
            var candidacy = await db.Candidacies.Include(c => c.Competition).ThenInclude(c => c.Session)
                .Include(c => c.Competition).ThenInclude(c => c.Centres).SingleOrDefaultAsync(c => c.RequestId == id, ct);
            if (request is null || candidacy is null || request.ApplicantId != applicantId)
            {
                return new Result(null, "Cette candidature n'existe plus.");
            }

            if (request.Status != RequestStatus.Draft || request.IsAwaitingPayment)
            {
                return new Result(request.Number, null, request.IsAwaitingPayment);
            }

            var now = clock.GetUtcNow();
            var competition = candidacy.Competition;
            var application = new Application(request, candidacy, competition);
            var refusal = Candidacies.WindowRefusal(competition, now)
                ?? application.Problems() switch { [var first, ..] => first, _ => null }
                ?? filing.Refusal(request);
            if (refusal is not null)
            {
                return new Result(null, refusal);
            }

            var hold = await candidacies.HoldAsync(candidacy, request.ReadAnswers().Get("numero_cnib"), application.ChosenCentre!, ct);
            if (hold.Refusal is not null)
            {
                return new Result(null, hold.Refusal, CentreFull: hold.CentreFull);
            }

            var number = await filing.LeaveFormAsync(request, competition.FeeXof, ct);
            await transaction.CommitAsync(ct);
            return number is null ? new Result(null, null, AwaitingPayment: true) : new Result(number, null);
        }
    }
}
