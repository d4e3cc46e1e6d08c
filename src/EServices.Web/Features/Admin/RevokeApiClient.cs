using EServices.Web.Infrastructure.Audit;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;

namespace EServices.Web.Features.Admin;

/// <summary>Revokes a client at once: its next call is refused (the API reads the client on every call), its secret no longer
/// gives a token (its application row is deleted), its account is deactivated. The client's row stays for the history.</summary>
public static class RevokeApiClient
{
    public sealed class Handler(AppDbContext db, UserManager<ApplicationUser> users, IOpenIddictApplicationManager applications, AuditLog audit, TimeProvider clock)
    {
        public async Task<string?> HandleAsync(int id, CancellationToken ct)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var client = await db.ApiClients.FirstOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, ct);
            if (client is null)
            {
                return null;
            }

            client.RevokedAt = clock.GetUtcNow();
            if (await applications.FindByClientIdAsync(client.ClientId, ct) is { } application)
            {
                await applications.DeleteAsync(application, ct);
            }

            if (await users.FindByIdAsync(client.AccountId) is { } account)
            {
                account.DeactivatedAt = client.RevokedAt;
            }

            audit.Record("Client API révoqué", AuditTargets.ApiClient, client.ClientId, client.Name);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return client.Name;
        }
    }
}
