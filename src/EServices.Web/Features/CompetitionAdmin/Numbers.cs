using System.Globalization;
using EServices.Web.Competitions;
using EServices.Web.Infrastructure.Audit;

namespace EServices.Web.Features.CompetitionAdmin;

/// <summary>The numbers and date-times of the competition pages, typed as text so that a bad value comes back as typed
/// with a French message (a bound int would turn « 12a » into 0 and an English error).</summary>
public static class Numbers
{
    public static int? Parse(string? text)
    {
        var value = (text ?? "").Trim();
        return value.Length is > 0 and <= 9 && value.All(char.IsAsciiDigit) ? int.Parse(value, CultureInfo.InvariantCulture) : null;
    }

    public static string Show(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A datetime-local input read as Ouagadougou's time. Burkina Faso keeps one offset all year (UTC+0), so the
    /// offset read at that instant is the right one.</summary>
    public static DateTimeOffset? ParseLocal(string? text)
    {
        if (!DateTime.TryParseExact((text ?? "").Trim(), ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || local.Year is < 2000 or > 2200)
        {
            return null;
        }

        var asUtc = new DateTimeOffset(local, TimeSpan.Zero);
        return asUtc - (OuagadougouTime.Local(asUtc) - local);
    }

    /// <summary>The value of a datetime-local input.</summary>
    public static string ShowLocal(DateTimeOffset at) => OuagadougouTime.Local(at).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>What the audit log names for the competitions' administration (the journal shows these kinds as they are).</summary>
public static class CompetitionAudit
{
    public const string Session = "session de concours";
    public const string Centre = "centre d'examen";

    /// <summary>Saves a new thing with its entry naming the id the database gives, or a change with its entry.</summary>
    public static async Task SaveAsync(this AuditLog audit, AppDbContext db, bool created, string action, string targetType, Func<int> targetId, string label, CancellationToken ct)
    {
        string Id() => targetId().ToString(CultureInfo.InvariantCulture);
        if (created)
        {
            await audit.SaveNewAsync(action, targetType, Id, label, ct);
        }
        else
        {
            audit.Record(action, targetType, Id(), label);
            await db.SaveChangesAsync(ct);
        }
    }
}

public static class CompetitionPages
{
    /// <summary>Post/Redirect/Get with the message shown on the next page.</summary>
    public static RedirectResult Saved(this Controller controller, string message, string url)
    {
        controller.TempData["Message"] = message;
        return controller.Redirect(url);
    }
}
