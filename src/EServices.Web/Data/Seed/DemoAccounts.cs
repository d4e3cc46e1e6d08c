using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Data.Seed;

/// <summary>The demo accounts listed in README.md, for Development only.</summary>
public static class DemoAccounts
{
    /// <summary>The authenticator key of every demo staff account (base32), documented in README.md:
    /// `oathtool --totp -b ESERVICESDEMOKEY` prints the current code.</summary>
    public const string StaffAuthenticatorKey = "ESERVICESDEMOKEY";

    /// <summary>Applicants have a confirmed number (their notices go by SMS too); Moussa has no e-mail at all, like many.</summary>
    public static readonly (string? Email, string FirstNames, string LastName, string Phone, string? Role, string? Service)[] Accounts =
    [
        ("usager@demo.bf", "Awa", "Ouédraogo", "+226 70 00 00 01", null, null),
        ("agent.dgfp@demo.bf", "Issa", "Kaboré", "+226 70 00 00 02", Roles.Agent, "DGFP"),
        ("chef.dgfp@demo.bf", "Aminata", "Traoré", "+226 70 00 00 06", Roles.Supervisor, "DGFP"),
        ("agent.agre@demo.bf", "Mariam", "Sawadogo", "+226 70 00 00 03", Roles.Agent, "AGRE"),
        ("agent.dgt@demo.bf", "Boukary", "Zongo", "+226 70 00 00 04", Roles.Agent, "DGT"),
        ("admin@demo.bf", "Salif", "Compaoré", "+226 70 00 00 05", Roles.Admin, null),
        ("caisse@demo.bf", "Fatimata", "Bationo", "+226 70 00 00 08", Roles.Cashier, null),
        ("guichet@demo.bf", "Rasmata", "Sawadogo", "+226 70 00 00 09", Roles.Clerk, null),
        (null, "Moussa", "Ilboudo", "+226 70 00 00 07", null, null),
    ];

    public static async Task SeedAsync(AppDbContext db, UserManager<ApplicationUser> users, IUserStore<ApplicationUser> store, string password, TimeProvider clock)
    {
        foreach (var (email, firstNames, lastName, phone, role, service) in Accounts)
        {
            // A phone-only account's user name is its number in E.164, as a sign-up by phone makes it.
            var userName = email ?? FieldRules.E164(phone);
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var applicant = role is null;
            var user = new ApplicationUser
            {
                UserName = userName,
                Email = email,
                EmailConfirmed = email is not null,
                FirstNames = firstNames,
                LastName = lastName,
                PhoneNumber = phone,
                PhoneNumberConfirmed = applicant,
                Notices = !applicant ? NoticeChannels.Email : email is null ? NoticeChannels.Sms : NoticeChannels.Both,
                CreatedAt = clock.GetUtcNow(),
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {email}: {string.Join(' ', result.Errors.Select(e => e.Description))}");
            }

            if (role is not null)
            {
                await users.AddToRoleAsync(user, role);
                await ((IUserAuthenticatorKeyStore<ApplicationUser>)store).SetAuthenticatorKeyAsync(user, StaffAuthenticatorKey, CancellationToken.None);
                user.TwoFactorEnabled = true;
                await users.UpdateAsync(user);
            }

            if (service is not null)
            {
                var serviceId = await db.Services.Where(s => s.Code == service).Select(s => s.Id).SingleAsync();
                db.ServiceMembers.Add(new ServiceMember { UserId = user.Id, ServiceId = serviceId });
                await db.SaveChangesAsync();
            }
        }
    }
}
