using System.Collections.Concurrent;
using EServices.Web.Payments;

namespace EServices.Web.Features.Admin;

/// <summary>
/// The daily reconciliation report of a service: every attempt touched that day (started, paid or refunded; Ouagadougou's
/// day is UTC) with our status beside the provider's answer, the differences first, then the totals. An attempt counts in
/// the totals of the day it was paid or refunded (pending and failed ones: the day they were started), so that no franc is
/// counted on two days. CinetPay has no list of transactions: each attempt is checked through
/// <see cref="IPaymentProvider.CheckAsync"/> (tests replace it), a few at once, at most <see cref="LiveChecks"/> of them
/// within <see cref="Budget"/>: the others show our stored answer. A Treasury receipt has no provider to ask: it is the proof.
/// </summary>
public sealed class Reconciliation(AppDbContext db, IPaymentProvider provider)
{
    public const int LiveChecks = 500;
    public const string NotAsked = "réponse du fournisseur non demandée (limite)";
    private const int AtOnce = 4;

    /// <summary>The report is built inside a GET: past this, the rows not answered yet keep our stored state.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);

    private static readonly string[] Headers =
    [
        "Ligne", "Écart", "Transaction", "Demande", "Démarche", "Moyen", "Référence", "Créée le", "Montant demandé (FCFA)",
        "Notre statut", "Signalement", "Montant payé (FCFA)", "Réponse du fournisseur", "Montant selon le fournisseur (FCFA)",
        "Nombre (totaux : payés et signalés le jour du paiement, remboursés le jour du remboursement, en attente et échoués le jour de la création)",
    ];

    public async Task<ExportTable> BuildAsync(int serviceId, DateOnly day, CancellationToken ct)
    {
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddDays(1);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.ServiceId == serviceId && ((p.CreatedAt >= start && p.CreatedAt < end) || (p.PaidAt >= start && p.PaidAt < end)
                || (p.RefundedAt >= start && p.RefundedAt < end)))
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.TransactionId)
            .Select(p => new
            {
                Payment = p,
                Number = db.Requests.Where(r => r.Id == p.RequestId).Select(r => r.Number).FirstOrDefault(),
                Procedure = db.Procedures.Where(x => x.Id == p.ProcedureId).Select(x => x.Title).First(),
            })
            .ToListAsync(ct);
        var answers = await AskAsync([.. payments.Select(i => i.Payment).Where(p => p.Provider == provider.Name).Take(LiveChecks).Select(p => p.TransactionId)], ct);

        var lines = new List<(string? Difference, object?[] Row)>();
        foreach (var item in payments)
        {
            var p = item.Payment;
            var theirs = answers.GetValueOrDefault(p.TransactionId);
            var difference = Difference(p, theirs);
            lines.Add((difference, [
                difference is null ? "Paiement" : "Écart", difference, p.TransactionId, item.Number ?? (p.RequestId is null ? "brouillon supprimé" : "non déposée"),
                item.Procedure, PaymentLabels.Means(p.Provider, p.Method, p.Status), p.Reference, p.CreatedAt.UtcDateTime.ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                p.Amount, PaymentLabels.Status(p.Status), PaymentLabels.Flag(p.Flag, p.RefundedAt), p.PaidAmount,
                p.Provider != provider.Name ? "quittance du Trésor (sans fournisseur)"
                    : theirs is null ? $"{NotAsked} ; dernière réponse enregistrée : {p.LastAnswer}" : $"{Verdict(theirs.Verdict)} ({theirs.Answer})",
                theirs?.Amount, null,
            ]));
        }

        bool On(DateTimeOffset? at) => at >= start && at < end;
        var all = payments.Select(i => i.Payment).ToList();
        var counted = all.Where(p => p.Status == PaymentStatus.Paid && p.Flag == PaymentFlag.None && On(p.PaidAt)).ToList();
        var refunded = all.Where(p => On(p.RefundedAt)).ToList();
        var flagged = all.Where(p => p.Flag != PaymentFlag.None && p.RefundedAt is null && On(p.PaidAt)).ToList();
        object?[][] totals =
        [
            Total("Payés", counted.Sum(p => p.PaidAmount ?? p.Amount), counted.Count),
            Total("En attente", null, all.Count(p => p.Status == PaymentStatus.Pending && On(p.CreatedAt))),
            Total("Échoués ou expirés", null, all.Count(p => p.Status is PaymentStatus.Failed or PaymentStatus.Expired && On(p.CreatedAt))),
            Total("Remboursés", refunded.Sum(p => p.PaidAmount ?? 0), refunded.Count),
            Total("Signalés, à rembourser", flagged.Sum(p => p.PaidAmount ?? 0), flagged.Count),
        ];
        return new ExportTable("Rapprochement", Headers,
            [.. lines.Where(l => l.Difference is not null).Select(l => l.Row), .. lines.Where(l => l.Difference is null).Select(l => l.Row), .. totals]);
    }

    /// <summary>The provider's answers, a few calls at once, those that came within <see cref="Budget"/>.</summary>
    private async Task<IReadOnlyDictionary<string, PaymentCheck>> AskAsync(IReadOnlyList<string> transactions, CancellationToken ct)
    {
        var answers = new ConcurrentDictionary<string, PaymentCheck>();
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(Budget);
        try
        {
            await Parallel.ForEachAsync(transactions, new ParallelOptions { MaxDegreeOfParallelism = AtOnce, CancellationToken = budget.Token }, async (id, token) =>
            {
                var check = await provider.CheckAsync(id, token);
                if (!token.IsCancellationRequested)
                {
                    answers[id] = check;
                }
            });
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Out of time: the report still comes, the rows not answered say so.
        }

        return answers;
    }

    /// <summary>What does not agree, in the order the operators settle them; null when all agrees.</summary>
    private static string? Difference(Payment ours, PaymentCheck? theirs)
    {
        var paidHere = ours.Status == PaymentStatus.Paid;
        return theirs switch
        {
            not null when paidHere && theirs.Verdict != CheckVerdict.Paid => "Payé chez nous, pas chez le fournisseur",
            not null when !paidHere && theirs.Verdict == CheckVerdict.Paid => "Payé chez le fournisseur, pas chez nous",
            not null when paidHere && theirs.Amount != ours.PaidAmount => "Montants différents",
            _ when ours.Flag == PaymentFlag.RefundDue && ours.RefundedAt is null => "Signalé : à rembourser",
            _ when ours.Flag == PaymentFlag.WrongAmount && ours.RefundedAt is null => "Signalé : montant erroné",
            _ => null,
        };
    }

    private static string Verdict(CheckVerdict verdict) => verdict switch
    {
        CheckVerdict.Paid => "Payé",
        CheckVerdict.Pending => "En attente",
        CheckVerdict.Refused => "Refusé ou annulé",
        _ => "Injoignable",
    };

    private static object?[] Total(string label, int? amount, int count) =>
        ["Total", label, null, null, null, null, null, null, null, null, null, amount, null, null, count];
}
