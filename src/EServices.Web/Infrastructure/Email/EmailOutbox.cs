
namespace EServices.Web.Infrastructure.Email;

/// <summary>Queues an e-mail in the caller's unit of work: it is sent only if that work commits.</summary>
public sealed class EmailOutbox(AppDbContext db, TimeProvider clock)
{
    public void Enqueue(string to, string subject, string body)
    {
        var now = clock.GetUtcNow();
        db.OutboxEmails.Add(new OutboxEmail { To = to, Subject = subject, Body = body, CreatedAt = now, NextAttemptAt = now });
    }

    /// <summary>An account e-mail: greeting, <paramref name="body"/>, signature; sent if the caller's save commits.</summary>
    public void EnqueueAccountMail(string to, string firstNames, string subject, string body) =>
        Enqueue(to, subject, $"Bonjour {firstNames},\n\n{body}\n\nLes e-services de la Fonction publique");
}
