using System.Globalization;
using EServices.Web.Infrastructure.Email;

namespace EServices.Web.Features.Accounts;

/// <summary>The frame of every account e-mail, so that the handlers write only what differs.</summary>
public sealed class AccountMail(EmailOutbox outbox, PublicLinks links, AppDbContext db, TimeProvider clock)
{
    /// <summary>Now as the e-mails write it (Ouagadougou is on UTC).</summary>
    public string Now => clock.GetUtcNow().ToString("dd/MM/yyyy 'à' HH:mm", CultureInfo.GetCultureInfo("fr-FR"));

    /// <summary>Where to choose a new password: the way back for an owner warned of something they did not do.</summary>
    public string ForgotPasswordLink => links.ForgotPassword;

    /// <summary>Greeting, <paramref name="body"/>, signature; queued in the outbox and saved with the rest of the caller's work.</summary>
    public Task SendAsync(string to, string firstNames, string subject, string body, CancellationToken ct)
    {
        outbox.EnqueueAccountMail(to, firstNames, subject, body);
        return db.SaveChangesAsync(ct);
    }
}
