using EServices.Web.Forms;
using EServices.Web.Payments;

namespace EServices.Web.Features.Checkout;

/// <summary>
/// The applicant reopens the form of a draft awaiting payment (to change an answer, and so maybe the fee). Not while a
/// payment may be under way: money taken for answers that then changed would pay for another request. The provider is
/// asked first about the attempts still open, so that one abandoned on its page does not block the applicant.
/// </summary>
public static class BackToForm
{
    public const string UnderWay = "Un paiement est en cours pour cette demande : attendez sa confirmation (quelques minutes) avant de revenir au formulaire ou de supprimer la demande.";

    public sealed record Command(Guid DraftId, string ApplicantId);

    /// <summary>Not found, or filed meanwhile (its number), or refused (why), or back to the form.</summary>
    public sealed record Result(bool Found, string? Number = null, string? Refusal = null);

    public sealed class Handler(AppDbContext db, RequestFiling filing, PaymentLedger ledger, TimeProvider clock)
    {
        public async Task<Result> HandleAsync(Command command, CancellationToken ct)
        {
            var open = await db.Payments.AsNoTracking()
                .Where(p => p.RequestId == command.DraftId && p.ApplicantId == command.ApplicantId && p.Status == PaymentStatus.Pending && p.PaymentUrl != null)
                .Select(p => p.TransactionId).ToListAsync(ct);
            foreach (var transactionId in open)
            {
                await ledger.CheckAsync(transactionId, ct);
            }

            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token);
                var request = await filing.LockAsync(command.DraftId, token);
                if (request is null || request.ApplicantId != command.ApplicantId)
                {
                    return new Result(false);
                }

                if (!request.IsAwaitingPayment)
                {
                    return new Result(true, request.Number);
                }

                // Under the request's lock, which OpenAsync takes too: no attempt can open between this check and the change.
                if (await ledger.IsUnderWayAsync(request.Id, token))
                {
                    return new Result(true, Refusal: UnderWay);
                }

                request.BackToForm(clock.GetUtcNow());
                await db.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
                return new Result(true);
            }, ct);
        }
    }
}
