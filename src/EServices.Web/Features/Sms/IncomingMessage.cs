using EServices.Web.Infrastructure.Sms;
using Npgsql;

namespace EServices.Web.Features.Sms;

/// <summary>
/// An SMS sent to the portal's number, passed on by Kannel's sms-service. It is recorded, then answered by SMS through
/// the outbox (never in the HTTP answer): the status of a request, but only to its applicant's confirmed number; the
/// same neutral answer to anyone else, whether or not the number exists; a short help for anything but SUIVI.
/// </summary>
public static class IncomingMessage
{
    /// <summary>Kannel's %p (sender), %a (text) and %I (its id for the message, the same when it repeats a call).</summary>
    public sealed record Command(string? From, string? Text, string? GatewayId);

    /// <summary>A sender may ask this many times in <see cref="Window"/>; beyond, messages are recorded, not answered (an
    /// answer costs the portal an SMS, and a loop between two automatic numbers would never end).</summary>
    public const int PerSender = 5;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public sealed class Handler(AppDbContext db, SmsOutbox outbox, PublicLinks links, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task HandleAsync(Command command, CancellationToken ct)
        {
            var gatewayId = Cut(command.GatewayId, 64);
            var from = Sender.Normalised(command.From);
            // One sender's messages are counted and recorded one at a time (released at commit): without it, messages
            // arriving together would all count the same few before them and all be answered, past the limit.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"incoming-sms:" + from}))", ct);
            if (gatewayId is not null && await db.IncomingSms.AnyAsync(s => s.GatewayId == gatewayId, ct))
            {
                return; // Kannel repeated a call the portal already answered
            }

            var now = clock.GetUtcNow();
            var text = Cut(command.Text, 1000) ?? "";
            var incoming = new IncomingSms { From = Cut(from, 32) ?? "", Text = text, GatewayId = gatewayId, ReceivedAt = now };
            db.IncomingSms.Add(incoming);
            var since = now - Window;
            if (await db.IncomingSms.CountAsync(s => s.From == incoming.From && s.ReceivedAt > since, ct) >= PerSender)
            {
                incoming.Outcome = "limited";
                logger.LogWarning("Incoming SMS over the per-sender limit: not answered");
            }
            else
            {
                var (outcome, answer, requestId) = await AnswerAsync(from, text, ct);
                incoming.Outcome = outbox.Enqueue(from, answer, SmsKind.Reply, requestId) ? outcome : "foreign";
            }

            try
            {
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // The same message, passed on twice at the same moment: the other call answers it.
            }
        }

        private async Task<(string Outcome, string Answer, Guid? RequestId)> AnswerAsync(string from, string text, CancellationToken ct)
        {
            if (StatusQuestion.NumberAskedIn(text) is not { } number)
            {
                return ("help", "E-services : pour suivre une demande, envoyez SUIVI suivi de son numéro, par exemple SUIVI FP-2027-000123.", null);
            }

            var phone = FieldRules.TryPhone(from, out var canonical) ? canonical : null;
            var request = phone is null ? null : await db.Requests.AsNoTracking()
                .Where(r => r.Number == number && !r.IsTest
                    && db.Users.Any(u => u.Id == r.ApplicantId && u.PhoneNumberConfirmed && u.PhoneNumber == phone))
                .Select(r => new { r.Id, r.Status, r.DueOn, r.CorrectionDeadline, r.DecidedAt })
                .FirstOrDefaultAsync(ct);
            if (request is null)
            {
                return ("neutral", $"E-services : aucune demande {number} n'est liée à ce numéro de téléphone vérifié. Vos demandes : {links.To("/mes-demandes")}", null);
            }

            var answer = $"Demande {number} : {request.Status.Label()}.";
            if (request.Status == RequestStatus.CorrectionRequested && request.CorrectionDeadline is { } deadline)
            {
                answer += $" Complément attendu avant le {FieldRules.FormatDate(deadline)}.";
            }
            else if (request.DecidedAt is { } decided && RequestStates.Closed.Contains(request.Status))
            {
                answer += $" Décision du {FieldRules.FormatDate(DateOnly.FromDateTime(decided.UtcDateTime))}.";
            }
            else if (request.DueOn is { } due)
            {
                answer += $" Décision attendue au plus tard le {FieldRules.FormatDate(due)}.";
            }

            return ("status", answer + " " + links.ShortRequest(number), request.Id);
        }

        private static string? Cut(string? value, int length) =>
            string.IsNullOrEmpty(value) ? null : value.Length > length ? value[..length] : value;
    }
}
