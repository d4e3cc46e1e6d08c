namespace EServices.Web.Features.Sms;

/// <summary>A delivery report from Kannel (its dlr-url, signed per SMS): moves the SMS forward, never back. Kannel
/// repeats a report until it gets a 2xx, so reports are idempotent and one for a removed SMS is simply acknowledged.</summary>
public static class DeliveryReport
{
    /// <summary><paramref name="Status"/> is Kannel's %d: 1 delivered, 2 not delivered, 4 queued at the SMS centre,
    /// 8 taken by the SMS centre, 16 refused by it.</summary>
    public sealed record Command(long Id, int? Status);

    // A report only moves an SMS to a later state: reports 8 and 1 come as two calls, in either order.
    private static readonly SmsDelivery[] Order =
        [SmsDelivery.Waiting, SmsDelivery.Accepted, SmsDelivery.Transmitted, SmsDelivery.Failed, SmsDelivery.Delivered];

    public sealed class Handler(AppDbContext db, TimeProvider clock, ILogger<Handler> logger)
    {
        public async Task HandleAsync(Command command, CancellationToken ct)
        {
            SmsDelivery? reached = command.Status switch
            {
                1 => SmsDelivery.Delivered,
                2 or 16 => SmsDelivery.Failed,
                8 => SmsDelivery.Transmitted,
                _ => null, // 4 (buffered) and anything else: nothing new to show
            };
            if (reached is not { } state)
            {
                return;
            }

            var earlier = Order[..Array.IndexOf(Order, state)];
            var now = clock.GetUtcNow();
            var error = state == SmsDelivery.Failed ? $"rapport de remise {command.Status}" : null;
            // A report also proves the gateway took the SMS when the node that sent it stopped before saving so.
            var moved = await db.OutboxSms.Where(s => s.Id == command.Id && earlier.Contains(s.Delivery))
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Delivery, state).SetProperty(x => x.DeliveryAt, now)
                    .SetProperty(x => x.SentAt, x => x.SentAt ?? now).SetProperty(x => x.LastError, x => error ?? x.LastError), ct);
            if (moved == 0 && !await db.OutboxSms.AnyAsync(s => s.Id == command.Id, ct))
            {
                logger.LogInformation("Delivery report {Status} for SMS {Id}, which is no longer in the outbox", command.Status, command.Id);
            }
            else if (moved > 0)
            {
                logger.LogInformation("SMS {Id} is now {Delivery}", command.Id, state);
            }
        }
    }
}
