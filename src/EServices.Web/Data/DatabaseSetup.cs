using EServices.Web.Data.Seed;
using EServices.Web.Documents;
using EServices.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EServices.Web.Data;

public static class DatabaseSetup
{
    /// <summary>The PEM of the key that signs QR codes; in production, a secret from the environment.</summary>
    public const string SigningKeySetting = "Signing:PrivateKeyPem";

    /// <summary>The configured signing key, else the one kept in the database (created at first start).</summary>
    public static string SigningKeyPem(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IConfiguration>()[SigningKeySetting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        using var scope = services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<AppDbContext>().SigningKeys.OrderBy(k => k.Id).Select(k => k.PrivateKeyPem).FirstOrDefault()
            ?? throw new InvalidOperationException($"No signing key: set {SigningKeySetting} or let the portal migrate the database once.");
    }

    /// <summary>Applies pending migrations, then seeds what configuration asks for.</summary>
    public static async Task MigrateAndSeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var seed = scope.ServiceProvider.GetRequiredService<IOptions<SeedOptions>>().Value;
        await db.Database.MigrateAsync();
        if (seed.Catalogue)
        {
            await CatalogueSeed.SeedAsync(db, clock);
        }

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (string.IsNullOrWhiteSpace(scope.ServiceProvider.GetRequiredService<IConfiguration>()[SigningKeySetting]) && !await db.SigningKeys.AnyAsync())
        {
            db.SigningKeys.Add(new SigningKey { PrivateKeyPem = DocumentSigner.NewPrivateKeyPem(), CreatedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }

        if (seed.DemoAccounts)
        {
            await DemoAccounts.SeedAsync(
                db,
                scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(),
                scope.ServiceProvider.GetRequiredService<IUserStore<ApplicationUser>>(),
                seed.DemoPassword,
                clock);
        }
    }
}
