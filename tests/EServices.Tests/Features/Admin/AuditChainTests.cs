using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Infrastructure.Audit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace EServices.Tests.Features.Admin;

/// <summary>The hash chain on the shared database: other tests write meanwhile, nobody tampers, so it must stay intact.</summary>
[Collection(WebCollection.Name)]
public sealed class AuditChainTests(HostFixture host)
{
    [Fact]
    public async Task After_sign_ins_administration_changes_and_request_moves_the_sealed_chain_is_intact_on_the_page_and_in_the_command()
    {
        using var admin = host.NewSession();
        var adminUser = await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", $"Compaoré{Guid.NewGuid():N}"[..14]);
        var service = await TestCatalogue.CreateServiceAsync(host);
        await admin.SubmitAsync(await admin.GetAsync($"/admin/services/{service.Id}"), "Enregistrer", [("SignatoryName", "Mariam Sawadogo")]);
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");

        await AuditChainDatabase.SealAsync(host);

        // This test's rows are in the chain: the admin's sign-in and edit, the request's filing and taking.
        var adminId = await AuditChainDatabase.UserIdAsync(host, adminUser);
        Assert.Equal(0, await AuditChainDatabase.ScalarAsync<long>(host, "SELECT count(*) FROM audit_entries WHERE actor_id = @p AND chain_no IS NULL", adminId));
        Assert.Equal(2, await AuditChainDatabase.ScalarAsync<long>(host, "SELECT count(*) FROM audit_entries WHERE actor_id = @p AND chain_no IS NOT NULL", adminId));
        Assert.Equal(3, await AuditChainDatabase.ScalarAsync<long>(host, // draft opened, filed, taken
            "SELECT count(*) FROM request_events e JOIN requests r ON r.id = e.request_id WHERE r.number = @p AND e.chain_no IS NOT NULL", number));

        var result = await AuditChainDatabase.VerifyAsync(host);
        Assert.True(result.Intact, result.Summary);
        Assert.True(result.Verified >= 5, result.Summary);

        var journal = await admin.GetAsync("/admin/journal");
        var page = await admin.ClickAsync(journal, "Vérifier l'intégrité du journal");
        Assert.Equal("/admin/journal/verification", page.Url);
        Assert.Matches(@"^Intégrité du journal : \d+ lignes vérifiées, chaîne intacte\.$", page.Html.GetElementById("resultat")!.TextContent.Trim());

        using var output = new StringWriter();
        Assert.Equal(0, await VerifyAuditCommand.RunAsync(host.Services, output, CancellationToken.None));
        Assert.Matches(@"^Intégrité du journal : \d+ lignes vérifiées, chaîne intacte\.", output.ToString());
    }

    [Fact]
    public async Task Staff_sign_ins_and_refused_second_factors_appear_in_the_journal()
    {
        var lastName = $"Kaboré{Guid.NewGuid():N}"[..12];
        var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP", "Issa", lastName);
        using var session = host.NewSession();
        var login = await session.GetAsync("/compte/connexion");
        await session.SubmitAsync(login, "Se connecter", [("Email", staff.Email), ("Password", "Pas-le-bon-mot-de-passe")]);
        var code = await session.SubmitAsync(await session.GetAsync("/compte/connexion"), "Se connecter", [("Email", staff.Email), ("Password", staff.Password)]);
        // A code of an hour from now is outside the accepted window: refused.
        var refused = await session.SubmitAsync(code, "Valider", [("Code", Totp.Code(staff.AuthenticatorKey!, DateTimeOffset.UtcNow.AddHours(1)))]);
        Assert.Equal("Code incorrect ou expiré. Saisissez le code affiché maintenant par votre application.", refused.ErrorFor("Code"));
        var signedIn = await session.SubmitAsync(refused, "Valider", [("Code", Totp.Code(staff.AuthenticatorKey!, DateTimeOffset.UtcNow))]);
        Assert.StartsWith("/back-office", signedIn.Url, StringComparison.Ordinal);

        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var journal = await admin.GetAsync($"/admin/journal?type=connexion&cible={staff.Email}");
        Assert.Equal(
            [
                "Connexion au back-office (mot de passe et code de l'application)",
                "Échec de la double authentification : code de l'application incorrect",
                "Échec de connexion : mot de passe incorrect",
            ],
            Column(journal, 2));
        Assert.All(Column(journal, 1), who => Assert.Equal($"Issa {lastName.ToUpperInvariant()}", who));
        Assert.Equal($"Agent : Issa {lastName.ToUpperInvariant()} ({staff.Email})", string.Join(' ', Column(journal, 3)[0].Split(' ', StringSplitOptions.RemoveEmptyEntries)));
    }

    [Fact]
    public async Task A_role_and_services_change_on_the_staff_page_is_journalled_and_sealed()
    {
        var lastName = $"Zongo{Guid.NewGuid():N}"[..11];
        var staff = await TestStaff.CreateAsync(host, Roles.Agent, "DGT", "Boukary", lastName);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var account = await admin.ClickAsync(await admin.GetAsync("/admin/agents"), $"Boukary {lastName.ToUpperInvariant()}");
        var dgfp = account.Html.QuerySelectorAll("input[name=Services]").Single(i => i.ParentElement!.TextContent.Contains("DGFP", StringComparison.Ordinal)).GetAttribute("value")!;
        await admin.SubmitAsync(account, "Enregistrer", [("Role", Roles.Supervisor), ("Services", dgfp)]);

        var journal = await admin.GetAsync($"/admin/journal?type=agent&cible={staff.Email}");
        Assert.Equal(["Rôle de l'agent changé : Agent instructeur → Chef de service", "Services et groupes de l'agent changés : services DGFP ; groupes aucun"], Column(journal, 2).Order().ToList());

        await AuditChainDatabase.SealAsync(host);
        Assert.Equal(2, await AuditChainDatabase.ScalarAsync<long>(host,
            "SELECT count(*) FROM audit_entries WHERE target_type = 'agent' AND target_label LIKE '%' || @p || '%' AND chain_no IS NOT NULL", staff.Email));
        Assert.True((await AuditChainDatabase.VerifyAsync(host)).Intact);
    }

    private static List<string> Column(Page page, int index) =>
        page.Html.QuerySelectorAll("tbody tr").Select(r => r.QuerySelectorAll("td")[index].TextContent.Trim()).ToList();
}

/// <summary>Direct access to the chain for tests: seal now, verify, run SQL as someone with database access would.</summary>
public static class AuditChainDatabase
{
    public static async Task SealAsync(HostFixture host)
    {
        using var scope = host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<AuditSealer>().SealAllAsync(CancellationToken.None);
    }

    public static async Task<ChainVerification> VerifyAsync(HostFixture host)
    {
        using var scope = host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ChainVerifier>().VerifyAsync(CancellationToken.None);
    }

    public static async Task<T> ScalarAsync<T>(HostFixture host, string sql, object? parameter = null)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("p", parameter);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<int> ExecuteAsync(HostFixture host, string sql, object? parameter = null)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.AddWithValue("p", parameter);
        }

        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>The id of a test user's account.</summary>
    public static Task<string> UserIdAsync(HostFixture host, TestUser user) =>
        ScalarAsync<string>(host, "SELECT id FROM \"AspNetUsers\" WHERE email = @p", user.Email);
}
