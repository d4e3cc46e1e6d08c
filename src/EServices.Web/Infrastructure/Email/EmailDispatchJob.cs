using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace EServices.Web.Infrastructure.Email;

/// <summary>
/// Sends queued e-mails. Rows are claimed with FOR UPDATE SKIP LOCKED so that several nodes never send
/// the same e-mail twice; a failure is retried later with exponential back-off.
/// </summary>
public sealed class EmailDispatchJob(
    IServiceScopeFactory scopes,
    IOptions<EmailOptions> options,
    TimeProvider clock,
    ILogger<EmailDispatchJob> logger) : BackgroundJob(scopes, clock)
{
    /// <summary>After these, an e-mail is given up (its last error stays on its row).</summary>
    public const int MaxAttempts = 10;

    protected override TimeSpan Period => options.Value.PollInterval;

    protected override async Task<bool> RunAsync(IServiceProvider services, CancellationToken ct) =>
        await SendBatchAsync(services.GetRequiredService<AppDbContext>(), ct) > 0;

    protected override void LogFailure(Exception failure) => logger.LogWarning(failure, "E-mail outbox pass failed; will retry");

    private async Task<int> SendBatchAsync(AppDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = Clock.GetUtcNow();
        var batch = await db.OutboxEmails
            .FromSql($"""
                SELECT * FROM outbox_emails
                WHERE sent_at IS NULL AND attempts < {MaxAttempts} AND next_attempt_at <= {now}
                ORDER BY id LIMIT 20 FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (batch.Count == 0)
        {
            return 0;
        }

        var settings = options.Value;
        using var smtp = new SmtpClient();
        try
        {
            await smtp.ConnectAsync(settings.SmtpHost, settings.SmtpPort, settings.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            }

            foreach (var email in batch)
            {
                await SendOneAsync(smtp, email, settings, now, ct);
            }

            await smtp.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "SMTP server unreachable; {Count} e-mails postponed", batch.Count);
            foreach (var email in batch.Where(e => e.SentAt is null))
            {
                Postpone(email, ex.Message, now);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return batch.Count(e => e.SentAt is not null);
    }

    private async Task SendOneAsync(SmtpClient smtp, OutboxEmail email, EmailOptions settings, DateTimeOffset now, CancellationToken ct)
    {
        if (!smtp.IsConnected)
        {
            Postpone(email, "not connected", now);
            return;
        }

        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.FromName, settings.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;
        message.Body = new TextPart("plain") { Text = email.Body };
        try
        {
            await smtp.SendAsync(message, ct);
            email.SentAt = now;
            email.Attempts++;
        }
        catch (SmtpCommandException ex)
        {
            logger.LogWarning("E-mail {Id} refused by the SMTP server: {Status}", email.Id, ex.StatusCode);
            Postpone(email, ex.Message, now);
        }
    }

    private static void Postpone(OutboxEmail email, string error, DateTimeOffset now)
    {
        email.Attempts++;
        email.LastError = error.Length > 500 ? error[..500] : error;
        email.NextAttemptAt = now.AddSeconds(Math.Pow(2, email.Attempts) * 15);
    }
}
