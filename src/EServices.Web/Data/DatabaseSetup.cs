using EServices.Web.Data.Seed;
using EServices.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace EServices.Web.Data;

public static class DatabaseSetup
{
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

        if (seed.DemoAccounts)
        {
            await DemoAccounts.SeedAsync(db, scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>(), seed.DemoPassword, clock);
        }
    }
}
