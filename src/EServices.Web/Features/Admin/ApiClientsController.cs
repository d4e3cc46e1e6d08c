namespace EServices.Web.Features.Admin;

/// <summary>The systems that use the API (« Clients de l'API »): registered per service, their secret shown once, revoked at once.</summary>
[Authorize(Policy = AuthorizationPolicies.Admin)]
[Route("admin/clients-api")]
public sealed class ApiClientsController(AppDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> ApiClientList(CancellationToken ct) =>
        View(await db.ApiClients.AsNoTracking().OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name)
            .Join(db.Services, c => c.ServiceId, s => s.Id, (c, s) => new ApiClientLine(c.Id, c.Name, s.Code, c.ClientId, c.MayDecide, c.CreatedAt, c.RevokedAt))
            .ToListAsync(ct));

    [HttpGet("nouveau")]
    public async Task<IActionResult> New(CancellationToken ct) => View("ApiClientEdit", await PageAsync(new ApiClientForm(), ct));

    [HttpPost("nouveau")]
    public async Task<IActionResult> New(ApiClientForm form, [FromServices] RegisterApiClient.Handler register, CancellationToken ct)
    {
        var (result, secret) = await register.HandleAsync(form, User.FindFirstValue(ClaimTypes.NameIdentifier), ct);
        if (!this.Check(result))
        {
            return this.Redisplay("ApiClientEdit", await PageAsync(form, ct));
        }

        // Shown in this answer only: no redirect would carry the secret without storing it somewhere.
        Response.Headers.CacheControl = "no-store";
        return View("ApiClientSecret", secret);
    }

    [HttpPost("{id:int}/revoquer")]
    public async Task<IActionResult> Revoke(int id, [FromServices] RevokeApiClient.Handler revoke, CancellationToken ct) =>
        await revoke.HandleAsync(id, ct) is { } name ? this.Saved($"Client « {name} » révoqué : ses appels sont refusés.", "/admin/clients-api") : NotFound();

    private async Task<ApiClientEditPage> PageAsync(ApiClientForm form, CancellationToken ct) =>
        new(form, (await db.Services.AsNoTracking().OrderBy(s => s.Code).Select(s => new { s.Id, s.Code, s.Name }).ToListAsync(ct))
            .Select(s => (s.Id, $"{s.Code} — {s.Name}")).ToList());
}
