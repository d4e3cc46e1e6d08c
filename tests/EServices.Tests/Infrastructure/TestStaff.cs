using MimeKit;
using EServices.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Infrastructure;

public static class TestStaff
{
    /// <summary>Creates a member of staff of <paramref name="serviceCode"/> with <paramref name="role"/> and an authenticator
    /// app, then signs in as them with password and code (staff land on the back-office, a cashier on the cash desk, a clerk on the counter).</summary>
    public static async Task<TestUser> SignInAsync(HostFixture host, WebSession session, string role, string? serviceCode, string firstNames = "Issa", string lastName = "Kaboré")
    {
        var staff = await CreateAsync(host, role, serviceCode, firstNames, lastName);
        var login = await session.GetAsync("/compte/connexion");
        var codePage = await session.SubmitAsync(login, "Se connecter", [("Email", staff.Email), ("Password", staff.Password)]);
        var signedIn = await session.SubmitAsync(codePage, "Valider", [("Code", await Totp.NextAsync(staff.AuthenticatorKey!))]);
        if (!signedIn.Url.StartsWith(role switch { Roles.Cashier => "/caisse", Roles.Clerk => "/guichet", _ => "/back-office" }, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Staff sign-in failed: " + signedIn.Text);
        }

        return staff;
    }

    /// <summary>Creates a member of staff of <paramref name="serviceCode"/> with <paramref name="role"/>, with an authenticator app
    /// (its key in <see cref="TestUser.AuthenticatorKey"/>) or, when <paramref name="withAuthenticator"/> is false, without any
    /// second factor yet: they are then sent to enrol one after their password.</summary>
    public static async Task<TestUser> CreateAsync(
        HostFixture host, string role, string? serviceCode, string firstNames = "Issa", string lastName = "Kaboré", bool withAuthenticator = true)
    {
        var email = $"{role}-{Guid.NewGuid():N}@fonctionpublique.bf";
        string? key = null;
        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, FirstNames = firstNames, LastName = lastName, EmailConfirmed = true };
        Check(await users.CreateAsync(user, TestUsers.Password));
        Check(await users.AddToRoleAsync(user, role));
        if (withAuthenticator)
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            key = (await users.GetAuthenticatorKeyAsync(user))!;
        }

        if (serviceCode is not null)
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var serviceId = await db.Services.Where(s => s.Code == serviceCode).Select(s => s.Id).SingleAsync();
            db.ServiceMembers.Add(new ServiceMember { UserId = user.Id, ServiceId = serviceId });
            await db.SaveChangesAsync();
        }

        return new TestUser(email, TestUsers.Password, firstNames, lastName) { AuthenticatorKey = key };
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(' ', result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>An administrator invites Mamadou Sanou, agent of the DGT, at a new address; returns the address and the
    /// invitation e-mail.</summary>
    public static async Task<(string Email, MimeMessage Invitation)> InviteAgentAsync(HostFixture host)
    {
        using var admin = host.NewSession();
        await SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var email = $"invite-{Guid.NewGuid():N}@fonctionpublique.gov.bf";
        var form = await admin.ClickAsync(await admin.GetAsync("/admin/agents"), "Inviter un agent");
        var dgt = form.Html.QuerySelectorAll("input[name=Services]").Single(i => i.ParentElement!.TextContent.Contains("DGT", StringComparison.Ordinal)).GetAttribute("value")!;
        await admin.SubmitAsync(form, "Envoyer l'invitation", [("Email", email), ("LastName", "Sanou"), ("FirstNames", "Mamadou"), ("Role", "agent"), ("Services", dgt)]);
        return (email, await host.Mailbox.WaitForAsync(email, "Invitation au back-office"));
    }
}
