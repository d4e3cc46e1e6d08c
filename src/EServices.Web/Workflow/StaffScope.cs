using System.Globalization;

namespace EServices.Web.Workflow;

/// <summary>What a member of staff may see: the requests of their services (all of them for an admin), narrowed to
/// their groups for an agent who belongs to groups of a service.
/// Anything outside is "not found", never "forbidden", so that numbers cannot be probed.</summary>
public sealed class StaffScope(AppDbContext db)
{
    public async Task<IQueryable<Request>> RequestsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var requests = db.Requests.Where(r => r.Status != RequestStatus.Draft);
        if (!user.IsInRole(Roles.Agent) && !user.IsInRole(Roles.Supervisor) && !user.IsInRole(Roles.Admin) && !user.IsInRole(Roles.ApiClient))
        {
            return requests.Where(r => false); // a cashier or a clerk sees no request, even if a policy let one through
        }

        if (user.IsInRole(Roles.Admin))
        {
            return requests;
        }

        // Filtered by procedure ids resolved here rather than through a join on procedures: the planner then estimates
        // each service's share of the requests from the column's statistics and walks the inbox indexes in order.
        var services = await ServiceIdsAsync(user, ct);
        var procedures = await db.Procedures.Where(p => services.Contains(p.ServiceId))
            .Select(p => new { p.Id, p.ServiceId }).ToListAsync(ct);
        // Another system acting for one service (Infrastructure/Api/ApiCaller) sees it as its head does: every group.
        if (user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.ApiClient))
        {
            var ids = procedures.Select(p => p.Id).ToList();
            return requests.Where(r => ids.Contains(r.ProcedureId));
        }

        // An agent in no group of a service sees all its requests (services without groups work as before); an agent in
        // groups of a service sees its requests of those groups, those filed before groups existed (no group) and
        // those a head of service gave them.
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var groups = await db.GroupMembers.Where(m => m.UserId == userId)
            .Join(db.ServiceGroups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.ServiceId })
            .Where(g => services.Contains(g.ServiceId))
            .ToListAsync(ct);
        var groupIds = groups.Select(g => g.Id).ToList();
        var groupedServices = groups.Select(g => g.ServiceId).Distinct().ToList();
        var whole = procedures.Where(p => !groupedServices.Contains(p.ServiceId)).Select(p => p.Id).ToList();
        var grouped = procedures.Where(p => groupedServices.Contains(p.ServiceId)).Select(p => p.Id).ToList();
        if (grouped.Count == 0)
        {
            return requests.Where(r => whole.Contains(r.ProcedureId)); // the usual case, kept simple for the planner
        }

        // whole ∪ (grouped ∩ rule) written as the equal (whole ∪ grouped) ∩ (whole ∪ rule): the procedure
        // ids become an index condition and the rest is read from the same index entries (group and assignee included).
        var all = whole.Concat(grouped).ToList();
        return requests.Where(r => all.Contains(r.ProcedureId)
            && (whole.Contains(r.ProcedureId) || r.GroupId == null || groupIds.Contains(r.GroupId.Value) || r.AssigneeId == userId));
    }

    public Task<List<int>> ServiceIdsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.IsInRole(Roles.ApiClient))
        {
            return Task.FromResult(user.FindAll(ApiClaims.Service).Select(c => int.Parse(c.Value, CultureInfo.InvariantCulture)).ToList());
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.ServiceMembers.Where(m => m.UserId == userId).Select(m => m.ServiceId).ToListAsync(ct);
    }

    /// <summary>The colleagues a request of this service can be assigned to.</summary>
    public Task<List<(string Id, string Name)>> ColleaguesAsync(int serviceId, CancellationToken ct) =>
        db.ServiceMembers.Where(m => m.ServiceId == serviceId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.FirstNames, u.LastName })
            .OrderBy(u => u.LastName)
            .AsAsyncEnumerable()
            .Select(u => (u.Id, $"{u.FirstNames} {u.LastName.ToUpperInvariant()}"))
            .ToListAsync(ct)
            .AsTask();
}
