
namespace EServices.Web.Workflow;

/// <summary>Numbers unique per prefix and year (FP-2027-000123, ATT-2027-000045). The counter row stays
/// locked until the caller's transaction ends: unique under concurrency and, unless that work fails, gap-free.</summary>
public static class Numbering
{
    /// <summary>The series of requests filed through a procedure's test link (ESSAI-2027-000001).</summary>
    public const string TestPrefix = "ESSAI";

    public static async Task<string> NextAsync(AppDbContext db, string prefix, int year, CancellationToken ct)
    {
        var next = await db.Database.SqlQuery<int>($"""
            INSERT INTO tracking_counters (prefix, year, last) VALUES ({prefix}, {year}, 1)
            ON CONFLICT (prefix, year) DO UPDATE SET last = tracking_counters.last + 1
            RETURNING last AS "Value"
            """).ToListAsync(ct);
        return $"{prefix}-{year}-{next[0]:D6}";
    }
}
