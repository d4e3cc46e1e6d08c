using System.Globalization;

namespace EServices.Web.Competitions;

/// <summary>
/// The competition's row as every action on a whole competition takes it: locked until the caller's transaction ends, so
/// that two nodes or a double click take turns and the second sees what the first committed (its milestones), and
/// tracked, so that the milestone it sets is saved. FOR NO KEY UPDATE, not FOR UPDATE: candidacies' foreign-key checks
/// (FOR KEY SHARE) do not wait for a numbering, and actions on the competition still exclude each other.
/// </summary>
public static class CompetitionLock
{
    /// <summary>What the audit log names for a competition (target id: its id; label: its code).</summary>
    public const string AuditKind = "concours";

    public static Task<Competition?> LockAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.Competitions.FromSql($"SELECT * FROM competitions WHERE id = {id} FOR NO KEY UPDATE").AsTracking().SingleOrDefaultAsync(ct);

    /// <summary>The row if nobody holds it, else null at once: a click never waits for the background work that holds it.</summary>
    public static Task<Competition?> TryLockAsync(AppDbContext db, int id, CancellationToken ct) =>
        db.Competitions.FromSql($"SELECT * FROM competitions WHERE id = {id} FOR NO KEY UPDATE SKIP LOCKED").AsTracking().SingleOrDefaultAsync(ct);

    /// <summary>The audit log's target id for a competition.</summary>
    public static string AuditId(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The competition's page in the administration (the journal links its entries there).</summary>
    public static string AdminLink(string auditId) => $"/admin/concours/{auditId}";
}
