using EServices.Web.Data.Seed;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
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

    /// <summary>The PostgreSQL advisory lock held while a node migrates and seeds ("ESrv").</summary>
    public const long StartupLock = 0x45537276;

    /// <summary>Applies pending migrations, then seeds what configuration asks for. Several nodes starting at once on an
    /// empty database take turns (an advisory lock): otherwise each would see no catalogue, no signing key and no
    /// data-protection key, and create its own.</summary>
    public static async Task MigrateAndSeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using (await AdvisoryLock.TakeAsync(db.Database.GetConnectionString()!, StartupLock, CancellationToken.None))
        {
            await MigrateAndSeedAsync(scope, db);
        }
    }

    private static async Task MigrateAndSeedAsync(IServiceScope scope, AppDbContext db)
    {
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
            db.SigningKeys.Add(SigningKey.Create(clock.GetUtcNow()));
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
            await CompetitionSeed.SeedAsync(db, clock);
        }

        // The data-protection key ring (cookies, antiforgery tokens) is created now, under the lock, rather than by
        // whichever node first signs someone in: two nodes must never each make a key the other has not read.
        scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("EServices.Startup").Protect([1]);
    }
}
