namespace EServices.Web.Forms;

/// <summary>
/// The applicant leaves the review page: a free request is filed at once; one with a fee waits for its payment, with
/// its amount fixed now from the answers and a payment code for the counter. The draft row is locked first, so a
/// double click or a retry finds it already filed (same number) or already waiting (same amount).
/// </summary>
public sealed class SubmitDraft(AppDbContext db, RequestFiling filing, TimeProvider clock)
{
    public const string NoAmount = "Le montant des frais de cette démarche n'est pas défini pour votre choix : contactez le service concerné.";

    /// <summary>The tracking number of the filed request, or that it waits for payment, or why neither.</summary>
    public sealed record Result(string? Number, string? Refusal, bool AwaitingPayment = false);

    /// <remarks>If the connection breaks (PostgreSQL restarting), the whole unit is replayed on a new one: it reads everything
    /// again under the lock, and a draft already filed by a commit whose answer was lost returns its number.</remarks>
    public Task<Result> RunAsync(Guid draftId, ApplicationUser applicant, CancellationToken ct) => RunAsync(draftId, applicant, null, ct);

    /// <param name="confirmed">What else the filing records, in its transaction, once the draft may leave its form: a
    /// clerk's counter filing, with the citizen's confirmation.</param>
    public Task<Result> RunAsync(Guid draftId, ApplicationUser applicant, Func<Request, CancellationToken, Task>? confirmed, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(token => SubmitAsync(draftId, applicant, confirmed, token), ct);

    private async Task<Result> SubmitAsync(Guid draftId, ApplicationUser applicant, Func<Request, CancellationToken, Task>? confirmed, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await filing.LockAsync(draftId, ct);
        if (request is null || request.ApplicantId != applicant.Id)
        {
            throw new InvalidOperationException("The draft was opened by its applicant just before.");
        }

        if (request.Status != RequestStatus.Draft || request.IsAwaitingPayment)
        {
            return new Result(request.Number, null, request.IsAwaitingPayment);
        }

        if ((filing.Refusal(request) ?? await filing.CompetitionRefusalAsync(request, clock.GetUtcNow(), ct)) is { } refusal)
        {
            return new Result(null, refusal);
        }

        // Test filings through a procedure being built are never charged.
        var fee = request.IsTest ? 0 : Fees.For(request.Procedure, request.ReadAnswers());
        if (fee is null)
        {
            return new Result(null, NoAmount);
        }

        if (confirmed is not null)
        {
            await confirmed(request, ct);
        }

        var number = await filing.LeaveFormAsync(request, fee.Value, ct);
        await transaction.CommitAsync(ct);
        return number is null ? new Result(null, null, AwaitingPayment: true) : new Result(number, null);
    }
}
