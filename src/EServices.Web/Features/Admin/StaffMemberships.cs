
namespace EServices.Web.Features.Admin;

/// <summary>An agent's services and groups, as the invitation and the edit save them and the audit log names them.</summary>
public static class StaffMemberships
{
    /// <summary>Keeps known services only, and groups of the ticked services: unticking a service takes the agent out of its groups.</summary>
    public static async Task TidyAsync(AppDbContext db, StaffForm form, CancellationToken ct)
    {
        var known = await db.Services.Select(s => s.Id).ToListAsync(ct);
        form.Services = [.. form.Services.Where(known.Contains).Distinct()];
        var groups = await db.ServiceGroups.Where(g => form.Services.Contains(g.ServiceId)).Select(g => g.Id).ToListAsync(ct);
        form.Groups = [.. form.Groups.Where(groups.Contains).Distinct()];
    }

    public static async Task SetAsync(AppDbContext db, string userId, StaffForm form, CancellationToken ct)
    {
        var services = await db.ServiceMembers.Where(m => m.UserId == userId).ToListAsync(ct);
        db.ServiceMembers.RemoveRange(services.Where(m => !form.Services.Contains(m.ServiceId)));
        db.ServiceMembers.AddRange(form.Services.Where(s => services.All(m => m.ServiceId != s)).Select(s => new ServiceMember { UserId = userId, ServiceId = s }));
        var groups = await db.GroupMembers.Where(m => m.UserId == userId).ToListAsync(ct);
        db.GroupMembers.RemoveRange(groups.Where(m => !form.Groups.Contains(m.GroupId)));
        db.GroupMembers.AddRange(form.Groups.Where(g => groups.All(m => m.GroupId != g)).Select(g => new GroupMember { UserId = userId, GroupId = g }));
    }

    /// <summary>"services DGFP, DGT ; groupes DGFP – Centre" as the audit log shows it.</summary>
    public static async Task<string> DescribeAsync(AppDbContext db, StaffForm form, CancellationToken ct)
    {
        var services = await db.Services.Where(s => form.Services.Contains(s.Id)).OrderBy(s => s.Code).Select(s => s.Code).ToListAsync(ct);
        var groups = await db.ServiceGroups.Where(g => form.Groups.Contains(g.Id))
            .Join(db.Services, g => g.ServiceId, s => s.Id, (g, s) => s.Code + " – " + g.Name).OrderBy(l => l).ToListAsync(ct);
        return $"services {(services.Count == 0 ? "aucun" : string.Join(", ", services))} ; groupes {(groups.Count == 0 ? "aucun" : string.Join(", ", groups))}";
    }

    public static string Label(ApplicationUser user) => $"{user.FirstNames} {user.LastName.ToUpperInvariant()} ({user.Email})";
}
