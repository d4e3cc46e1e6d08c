using EServices.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Data.Seed;

/// <summary>The demo accounts listed in README.md, for Development only.</summary>
public static class DemoAccounts
{
    public static readonly (string Email, string FirstNames, string LastName, string Phone)[] Accounts =
    [
        ("usager@demo.bf", "Awa", "Ouédraogo", "+226 70 00 00 01"),
        ("agent.dgfp@demo.bf", "Issa", "Kaboré", "+226 70 00 00 02"),
        ("agent.agre@demo.bf", "Mariam", "Sawadogo", "+226 70 00 00 03"),
        ("agent.dgt@demo.bf", "Boukary", "Zongo", "+226 70 00 00 04"),
        ("admin@demo.bf", "Salif", "Compaoré", "+226 70 00 00 05"),
    ];

    public static async Task SeedAsync(UserManager<ApplicationUser> users, string password, TimeProvider clock)
    {
        foreach (var (email, firstNames, lastName, phone) in Accounts)
        {
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new ApplicationUser
            {
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                FirstNames = firstNames,
                LastName = lastName,
                PhoneNumber = phone,
                CreatedAt = clock.GetUtcNow(),
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {email}: {string.Join(' ', result.Errors.Select(e => e.Description))}");
            }
        }
    }
}
