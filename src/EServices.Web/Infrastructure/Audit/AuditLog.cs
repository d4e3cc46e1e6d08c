
namespace EServices.Web.Infrastructure.Audit;

/// <summary>Records an administration change in the caller's unit of work: it is saved, or lost, with the change itself.</summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock, IHttpContextAccessor http)
{
    public void Record(string action, string targetType, string targetId, string targetLabel) =>
        Record(http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier), action, targetType, targetId, targetLabel);

    /// <summary>An entry whose author is named: at sign-in, the person is not yet the request's user.</summary>
    public void Record(string? actorId, string action, string targetType, string targetId, string targetLabel) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            ActorId = actorId,
            Action = Fit(action),
            TargetType = targetType,
            TargetId = targetId,
            TargetLabel = Fit(targetLabel),
        });

    /// <summary>Saves something new, then its entry, in one transaction: the entry names the id the database gives.</summary>
    public async Task SaveNewAsync(string action, string targetType, Func<string> targetId, string targetLabel, CancellationToken ct)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        Record(action, targetType, targetId(), targetLabel);
        await db.SaveChangesAsync(ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>Within the columns' 300 characters: a long description (an agent in many groups) must not make the change fail.</summary>
    private static string Fit(string text) => text.Length <= 300 ? text : text[..299] + "…";
}

/// <summary>The kinds of things the audit log names.</summary>
public static class AuditTargets
{
    public const string Procedure = "demarche";
    public const string Service = "service";
    public const string Category = "categorie";
    public const string Staff = "agent";
    public const string Group = "groupe";
    public const string Request = "demande";
    public const string SignIn = "connexion";
    public const string Payment = "paiement";
    public const string Label = "etiquette";
    public const string ApiClient = "client-api";
}
