using EServices.Tests.Features.Admin;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Catalogue;

/// <summary>Anonymous catalogue pages are served from memory; an edit in the admin shows at once; signed-in visitors always
/// get a fresh page.</summary>
[Collection(WebCollection.Name)]
public sealed class CataloguePageCacheTests(HostFixture host)
{
    [Fact]
    public async Task A_sheet_is_served_from_memory_to_visitors_until_the_admin_saves_a_change()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var (id, slug) = await FormBuilderTests.NewProcedureAsync(host, admin, "Demande de mise en disponibilité");
        using var visitor = host.NewSession();
        Assert.Contains("Demande de mise en disponibilité", (await visitor.GetAsync($"/demarches/{slug}")).Html.Title, StringComparison.Ordinal);

        // Written behind the portal's back: visitors keep the page in memory, a signed-in applicant reads the database.
        await host.ScalarAsync("UPDATE procedures SET title = 'Titre changé en base' WHERE id = @id", ("id", id));
        Assert.Contains("Demande de mise en disponibilité", (await visitor.GetAsync($"/demarches/{slug}")).Html.Title, StringComparison.Ordinal);
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        Assert.Contains("Titre changé en base", (await applicant.GetAsync($"/demarches/{slug}")).Html.Title, StringComparison.Ordinal);

        // Saved through the admin: the cached pages go at once.
        await admin.SubmitAsync(await admin.GetAsync($"/admin/demarches/{id}"), "Enregistrer la fiche", [("Title", "Demande de disponibilité pour convenances personnelles")]);
        Assert.Contains("Demande de disponibilité pour convenances personnelles", (await visitor.GetAsync($"/demarches/{slug}")).Html.Title, StringComparison.Ordinal);
    }
}
