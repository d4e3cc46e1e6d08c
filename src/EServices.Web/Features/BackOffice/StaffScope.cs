using System.Security.Claims;
using EServices.Web.Data;
using EServices.Web.Features.Accounts;
using EServices.Web.Workflow;
using Microsoft.EntityFrameworkCore;

namespace EServices.Web.Features.BackOffice;

/// <summary>What a member of staff may see: the requests of their services (all of them for an admin).
/// Anything outside is "not found", never "forbidden", so that numbers cannot be probed.</summary>
public sealed class StaffScope(AppDbContext db)
{
    public async Task<IQueryable<Request>> RequestsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var requests = db.Requests.Where(r => r.Status != RequestStatus.Draft);
        if (user.IsInRole(Roles.Admin))
        {
            return requests;
        }

        var services = await ServiceIdsAsync(user, ct);
        return requests.Where(r => services.Contains(r.Procedure.ServiceId));
    }

    public Task<List<int>> ServiceIdsAsync(ClaimsPrincipal user, CancellationToken ct)
    {
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
