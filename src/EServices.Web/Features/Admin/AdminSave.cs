using EServices.Web.Infrastructure.Audit;

namespace EServices.Web.Features.Admin;

/// <summary>The one save pattern of the admin pages: check the form (ValidationExtensions: its validator, then the rules
/// that need the database), redisplay it with 400 when it fails, save with its audit entry, redirect with a message.</summary>
public static class AdminSave
{
    public static RedirectResult Saved(this Controller controller, string message, string url)
    {
        controller.TempData["Message"] = message;
        return controller.Redirect(url);
    }

    /// <summary>Saves a new thing with its entry naming the id the database gives, or a change with its entry.</summary>
    public static async Task SaveAsync(this AuditLog audit, AppDbContext db, bool created, string action, string targetType, Func<string> targetId, string label, CancellationToken ct)
    {
        if (created)
        {
            await audit.SaveNewAsync(action, targetType, targetId, label, ct);
        }
        else
        {
            audit.Record(action, targetType, targetId(), label);
            await db.SaveChangesAsync(ct);
        }
    }
}
