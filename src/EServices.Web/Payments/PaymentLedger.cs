using System.Security.Cryptography;
using EServices.Web.Documents;
using EServices.Web.Forms;
using EServices.Web.Infrastructure.Audit;
using Microsoft.Extensions.Options;

namespace EServices.Web.Payments;

/// <summary>
/// Every payment goes through here, whoever learns of it: the applicant opening an attempt, the provider's notification,
/// the applicant's return, the reconciliation job, a cashier. Each writes under the same locks, the request's row first,
/// then the payment's: a payment confirmed twice, late or out of order is applied once, and one payment counts per
/// request — any other money received is flagged for refund, never lost and never accepted twice.
/// </summary>
public sealed partial class PaymentLedger(
    AppDbContext db,
    RequestFiling filing,
    IPaymentProvider provider,
    AuditLog audit,
    PublicLinks links,
    IOptions<PaymentOptions> options,
    TimeProvider clock,
    ILogger<PaymentLedger> logger)
{
    public const string NotifyPath = "/paiements/notification";
    public const string ReturnPath = "/paiements/retour";

    /// <summary>Where to send the payer, or the request's number when it is already filed, or why neither.</summary>
    public sealed record Opening(string? PaymentUrl, string? Number, string? Refusal);

    /// <summary>Opens an attempt for the applicant's draft awaiting payment. The attempt is saved before the provider is
    /// called: if the portal stops in between, the reconciliation job still asks about it. A pending attempt of the last
    /// minutes is given again, and one still waiting for the provider's page refuses a second one: a double click or a
    /// second tab must not open two payments.</summary>
    public async Task<Opening> OpenAsync(Guid requestId, string applicantId, string? payerPhone, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var started = await db.Database.CreateExecutionStrategy().ExecuteAsync<(Payment? Payment, Opening Opening)>(async token =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var request = await filing.LockAsync(requestId, token);
            if (request is null || request.ApplicantId != applicantId)
            {
                return (null, new Opening(null, null, "Cette demande n'existe plus."));
            }

            if (!request.IsAwaitingPayment)
            {
                return (null, new Opening(null, request.Number, request.Number is null ? "Cette demande n'attend pas de paiement." : null));
            }

            if (await filing.CompetitionRefusalAsync(request, now, token) is { } refusal)
            {
                return (null, new Opening(null, null, refusal));
            }

            var recent = await db.Payments.Where(p => p.RequestId == requestId && p.Status == PaymentStatus.Pending && p.CreatedAt > now - TimeSpan.FromMinutes(10))
                .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(token);
            if (recent is { PaymentUrl: { } page })
            {
                return (null, new Opening(page, null, null));
            }

            if (recent is { Checks: 0 } && recent.CreatedAt > now - OpeningTime)
            {
                return (null, new Opening(null, null, BeingOpened));
            }

            var settings = options.Value;
            var payment = Payment.Start(request, request.Procedure.ServiceId, provider.Name, NewTransactionId(now), request.FeeDue!.Value, now,
                settings.CheckWindow, now + settings.FirstCheckAfter);
            db.Payments.Add(payment);
            Record(payment, $"Paiement ouvert chez {provider.Name} pour la démarche « {request.Procedure.Title} »", applicantId);
            await db.SaveChangesAsync(token);
            await transaction.CommitAsync(token);
            return (payment, new Opening(null, null, null));
        }, ct);
        if (started.Payment is not { } attempt)
        {
            return started.Opening;
        }

        var title = await db.Procedures.Where(p => p.Id == attempt.ProcedureId).Select(p => p.Title).SingleAsync(ct);
        var checkout = await provider.OpenAsync(new CheckoutOrder(
            attempt.TransactionId, attempt.Amount, Payment.Currency, title,
            new Uri(links.To(NotifyPath)), new Uri(links.To(ReturnPath)), payerPhone), ct);
        if (checkout.PaymentUrl is not { } url)
        {
            // Left pending without a page: nobody can pay it, and the job's checks settle it (refused, or expired). Its
            // first check counted, it no longer holds back a new attempt.
            logger.LogWarning("Payment {TransactionId} could not be opened: {Failure}", attempt.TransactionId, checkout.Failure);
            attempt.StillPending($"ouverture : {checkout.Failure}", clock.GetUtcNow() + options.Value.FirstCheckAfter, clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return new Opening(null, null, "Le service de paiement ne répond pas pour le moment. Rien n'a été prélevé : réessayez dans quelques minutes, ou payez au guichet.");
        }

        attempt.Opened(url, checkout.Token, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return new Opening(url, null, null);
    }

    /// <summary>Asks the provider what became of a transaction and applies its answer: the notification, the applicant's
    /// return and the job all come here. Unknown transaction, counter payment or already paid: nothing happens.</summary>
    public async Task<Payment?> CheckAsync(string transactionId, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.TransactionId == transactionId, ct);
        // A failed or expired attempt is asked again (a payment can still be confirmed late), but not more than once a
        // minute: a notification replayed in a loop must not turn into as many calls to the provider.
        if (payment is null || payment.Provider != provider.Name || payment.Status == PaymentStatus.Paid
            || (payment.IsSettled && payment.UpdatedAt > clock.GetUtcNow() - TimeSpan.FromMinutes(1)))
        {
            return payment;
        }

        var check = await provider.CheckAsync(transactionId, ct);
        return await ApplyAsync(payment.Id, check, ct);
    }

    /// <summary>Applies a check's answer under the locks: paid and matching files the request (once); paid for a request
    /// that no longer waits for it is flagged for refund; another amount or currency is flagged and never accepted.</summary>
    public Task<Payment> ApplyAsync(Guid paymentId, PaymentCheck check, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async token =>
        {
            db.ChangeTracker.Clear(); // a replay after a lost commit starts from what the database holds
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var requestId = await db.Payments.Where(p => p.Id == paymentId).Select(p => p.RequestId).SingleAsync(token);
            var request = requestId is { } id ? await filing.LockAsync(id, token) : null;
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM payments WHERE id = {paymentId} FOR UPDATE", token);
            var payment = await db.Payments.SingleAsync(p => p.Id == paymentId, token);
            // Paid is final; a failed or expired attempt changes only if the provider now says it was paid.
            if (payment.Status == PaymentStatus.Pending || (payment.IsSettled && payment.Status != PaymentStatus.Paid && check.Verdict == CheckVerdict.Paid))
            {
                await ApplyLockedAsync(payment, request, check, token);
                await db.SaveChangesAsync(token);
                await transaction.CommitAsync(token);
            }

            return payment;
        }, ct);

    private async Task ApplyLockedAsync(Payment payment, Request? request, PaymentCheck check, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // An application counts from when its attempt was opened: mobile money taken after a competition closed for an
        // attempt opened before is filed (the candidate paid in time), and no attempt opens after closing.
        var unfileable = check.Verdict == CheckVerdict.Paid && request is { IsAwaitingPayment: true }
            ? await filing.CompetitionRefusalAsync(request, payment.CreatedAt, ct) : null;
        switch (check.Verdict)
        {
            case CheckVerdict.Paid when !payment.Matches(check.Amount, check.Currency):
                payment.ConfirmPaid(check.Amount, check.Currency, check.Method, check.Reference, check.PayerPhone, check.PaidAt ?? now, PaymentFlag.WrongAmount, check.Answer, now);
                Record(payment, $"Paiement reçu pour un autre montant ({check.Amount} {check.Currency}, {payment.Amount} XOF demandés) : signalé, non accepté");
                break;
            case CheckVerdict.Paid when request is null || !request.IsAwaitingPayment || request.FeeDue != payment.Amount:
                payment.ConfirmPaid(check.Amount, check.Currency, check.Method, check.Reference, check.PayerPhone, check.PaidAt ?? now, PaymentFlag.RefundDue, check.Answer, now);
                Record(payment, request?.Number is { } filed
                    ? $"Second paiement pour la demande {filed}, déjà payée : à rembourser"
                    : "Paiement reçu pour une demande qui ne l'attendait plus : à rembourser");
                break;
            case CheckVerdict.Paid when unfileable is not null:
                payment.ConfirmPaid(check.Amount, check.Currency, check.Method, check.Reference, check.PayerPhone, check.PaidAt ?? now, PaymentFlag.RefundDue, check.Answer, now);
                Record(payment, $"Paiement reçu pour une demande qui ne peut pas être déposée ({unfileable}) : à rembourser");
                break;
            case CheckVerdict.Paid:
                // Filed even if the procedure closed meanwhile: the applicant paid while it was open.
                payment.ConfirmPaid(check.Amount, check.Currency, check.Method, check.Reference, check.PayerPhone, check.PaidAt ?? now, PaymentFlag.None, check.Answer, now);
                var number = await filing.FileAsync(request, payment, new PaidFee(payment.Amount, Payment.MeansLabel(check.Method), check.Reference ?? payment.TransactionId), ct);
                Record(payment, $"Paiement confirmé ({Payment.MeansLabel(check.Method)}) : demande {number} déposée");
                break;
            case CheckVerdict.Refused:
                payment.Fail(check.Answer, now);
                Record(payment, $"Paiement refusé ou annulé ({check.Answer})");
                break;
            default:
                payment.StillPending(check.Answer, now + Wait(payment.Checks), now);
                if (payment.Status == PaymentStatus.Expired)
                {
                    Record(payment, $"Paiement sans réponse définitive après {options.Value.CheckWindow.TotalHours:0} h : abandonné");
                }

                break;
        }
    }

    /// <summary>Claims the attempts due for a check (each claimed for a few minutes, so that other nodes skip them) and
    /// returns their transaction ids; the job checks them outside any transaction (the provider may be slow).</summary>
    public async Task<IReadOnlyList<string>> ClaimDueAsync(int batch, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Long enough for the whole batch to be checked even when every call waits for the provider's timeout.
        var settings = options.Value;
        var claim = settings.CinetPay.Timeout * ((batch / Math.Max(1, settings.ParallelChecks)) + 1) + TimeSpan.FromMinutes(1);
        return await db.Database.SqlQuery<string>($"""
            UPDATE payments SET next_check_at = {now + claim}
            WHERE id IN (SELECT id FROM payments WHERE status = 'Pending' AND next_check_at <= {now}
                         ORDER BY next_check_at LIMIT {batch} FOR UPDATE SKIP LOCKED)
            RETURNING transaction_id AS "Value"
            """).ToListAsync(ct);
    }

    /// <summary>Whether someone may be paying this request right now (then it can neither go back to its form nor be deleted).</summary>
    public Task<bool> IsUnderWayAsync(Guid requestId, CancellationToken ct)
    {
        var opening = clock.GetUtcNow() - OpeningTime;
        return db.Payments.AnyAsync(p => p.RequestId == requestId && p.Status == PaymentStatus.Pending && (p.PaymentUrl != null || (p.Checks == 0 && p.CreatedAt > opening)), ct);
    }

    /// <summary>How long an attempt may wait for the provider's page: a second click meanwhile must not open a second payment.</summary>
    private TimeSpan OpeningTime => options.Value.CinetPay.Timeout + TimeSpan.FromSeconds(30);

    private const string BeingOpened = "Un paiement est en cours d'ouverture pour cette demande : patientez quelques secondes, puis réessayez.";

    /// <summary>2, 4, 8… minutes after each check, up to <see cref="PaymentOptions.LongestWait"/>.</summary>
    private TimeSpan Wait(int checks)
    {
        var settings = options.Value;
        var wait = settings.FirstCheckAfter * Math.Pow(2, Math.Min(checks, 16));
        return wait < settings.LongestWait ? wait : settings.LongestWait;
    }

    private void Record(Payment payment, string action, string? actorId = null) =>
        audit.Record(actorId, action, AuditTargets.Payment, payment.TransactionId, $"{payment.TransactionId} · {FieldRules.FormatAmount(payment.Amount)}");

    /// <summary>"ES", the day, 10 random letters and digits: 18 characters, none special (CinetPay's rule), never reused.</summary>
    private static string NewTransactionId(DateTimeOffset now) =>
        "ES" + now.UtcDateTime.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture)
        + RandomNumberGenerator.GetString("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", 10);
}
