namespace EServices.Web.Features.Checkout;

/// <summary>One attempt as the applicant reads it.</summary>
public sealed record AttemptLine(DateTimeOffset At, string State);

/// <summary>The payment page of a draft awaiting its payment.</summary>
public sealed record PaymentPage(Guid DraftId, string ProcedureTitle, string ServiceName, int Amount, string PaymentCode, IReadOnlyList<AttemptLine> Attempts)
{
    /// <summary>Why the last action was refused, shown at the top of the page.</summary>
    public string? Message { get; init; }

    /// <summary>Someone may be paying right now: the form cannot be reopened nor the request deleted.</summary>
    public bool UnderWay { get; init; }
}

/// <summary>Where a draft's payment page leads: the page itself, the filed request, the form (nothing to pay), or nowhere.</summary>
public sealed record PaymentPageResult(PaymentPage? Page, string? Number, bool NotAwaiting);

/// <summary>The applicant's own draft awaiting payment and its attempts so far; anyone else's is not found.</summary>
public sealed class PaymentPageQuery(AppDbContext db)
{
    public async Task<PaymentPageResult?> FindAsync(Guid draftId, string applicantId, CancellationToken ct)
    {
        var draft = await db.Requests.AsNoTracking()
            .Where(r => r.Id == draftId && r.ApplicantId == applicantId)
            .Select(r => new { r.Status, r.Number, r.AwaitingPaymentSince, r.FeeDue, r.PaymentCode, r.Procedure.Title, Service = r.Procedure.Service.Name })
            .SingleOrDefaultAsync(ct);
        if (draft is null)
        {
            return null;
        }

        if (draft.Status != RequestStatus.Draft || draft.AwaitingPaymentSince is null)
        {
            return new PaymentPageResult(null, draft.Number, NotAwaiting: draft.Number is null);
        }

        var attempts = await db.Payments.AsNoTracking().Where(p => p.RequestId == draftId).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        return new PaymentPageResult(
            new PaymentPage(draftId, draft.Title, draft.Service, draft.FeeDue ?? 0, draft.PaymentCode ?? "", [.. attempts.Select(a => new AttemptLine(a.CreatedAt, State(a)))])
            {
                UnderWay = attempts.Any(a => a.IsUnderWay),
            },
            null,
            false);
    }

    /// <summary>An attempt's state in the applicant's words.</summary>
    public static string State(Payment payment) => payment switch
    {
        { Status: PaymentStatus.Paid, Flag: PaymentFlag.WrongAmount } => "Payé d'un autre montant : signalé au service, qui vous remboursera",
        { Status: PaymentStatus.Paid, Flag: PaymentFlag.RefundDue } => "Payé en double : à rembourser",
        { Status: PaymentStatus.Paid } => "Payé",
        { Status: PaymentStatus.Failed } => "Non abouti : rien n'a été prélevé",
        { Status: PaymentStatus.Expired } => "Abandonné : aucune confirmation du service de paiement",
        { PaymentUrl: null } => "Non ouvert : le service de paiement n'a pas répondu",
        _ => "En cours de confirmation",
    };
}
