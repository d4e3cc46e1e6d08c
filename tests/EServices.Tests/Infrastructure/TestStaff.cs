using EServices.Web.Data;
using EServices.Web.Features.Accounts;
using EServices.Web.Features.BackOffice;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Infrastructure;

public static class TestStaff
{
    /// <summary>Creates a member of staff of <paramref name="serviceCode"/> with <paramref name="role"/>, then signs in as them.</summary>
    public static async Task<TestUser> SignInAsync(HostFixture host, WebSession session, string role, string? serviceCode, string firstNames = "Issa", string lastName = "Kaboré")
    {
        var email = $"{role}-{Guid.NewGuid():N}@fonctionpublique.bf";
        using (var scope = host.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, FirstNames = firstNames, LastName = lastName, EmailConfirmed = true };
            Check(await users.CreateAsync(user, TestUsers.Password));
            Check(await users.AddToRoleAsync(user, role));
            if (serviceCode is not null)
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var serviceId = await db.Services.Where(s => s.Code == serviceCode).Select(s => s.Id).SingleAsync();
                db.ServiceMembers.Add(new ServiceMember { UserId = user.Id, ServiceId = serviceId });
                await db.SaveChangesAsync();
            }
        }

        var login = await session.GetAsync("/compte/connexion");
        await session.SubmitAsync(login, "Se connecter", [("Email", email), ("Password", TestUsers.Password)]);
        return new TestUser(email, TestUsers.Password, firstNames, lastName);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(' ', result.Errors.Select(e => e.Description)));
        }
    }
}
