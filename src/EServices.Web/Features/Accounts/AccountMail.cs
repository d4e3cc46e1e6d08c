using EServices.Web.Infrastructure.Sms;
using System.Globalization;
using EServices.Web.Infrastructure.Email;

namespace EServices.Web.Features.Accounts;

/// <summary>The frame of every account e-mail, so that the handlers write only what differs.</summary>
public sealed class AccountMail(EmailOutbox outbox, SecuritySms sms, PublicLinks links, AppDbContext db, TimeProvider clock)
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

    /// <summary>Tells the owner of <paramref name="user"/> something about their account: by e-mail where they have an
    /// address, by SMS (<paramref name="text"/>) to their confirmed number where they have none or asked for SMS.
    /// <paramref name="anyoneCanCause"/>: a stranger can set it off (a lockout), so its SMS are capped per number (SecuritySms).</summary>
    public async Task TellAsync(ApplicationUser user, string subject, string body, string text, bool anyoneCanCause, CancellationToken ct)
    {
        if (user.Email is not null)
        {
            outbox.EnqueueAccountMail(user.Email, user.FirstNames, subject, body);
        }

        if (user.PhoneNumberConfirmed && (user.Email is null || user.Notices.HasFlag(NoticeChannels.Sms)))
        {
            await sms.QueueAsync(user.PhoneNumber, text, anyoneCanCause, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Tells a number of a change made to its account (it always goes), saved with the rest of the caller's work.</summary>
    public async Task TextAsync(string phone, string text, CancellationToken ct)
    {
        await sms.QueueAsync(phone, text, capped: false, ct);
        await db.SaveChangesAsync(ct);
    }
}
