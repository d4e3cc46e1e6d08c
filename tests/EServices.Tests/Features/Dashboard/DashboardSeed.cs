using EServices.Tests.Infrastructure;
using EServices.Web.Features.Catalogue;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Dashboard;

/// <summary>A service of its own, so that the figures of other tests' requests never mix with the ones a test expects:
/// a procedure not online that gets the requests (with dates written straight in SQL) and one online without any.</summary>
public sealed class DashboardSeed
{
    private readonly HostFixture _host;
    private readonly string _applicantId;
    private int _count;

    private DashboardSeed(HostFixture host, string applicantId, string code, int serviceId, string procedureTitle, int procedureId)
    {
        _host = host;
        _applicantId = applicantId;
        ServiceCode = code;
        ServiceId = serviceId;
        ProcedureTitle = procedureTitle;
        ProcedureId = procedureId;
    }

    public string ServiceCode { get; }
    public int ServiceId { get; }
    public string ProcedureTitle { get; }
    public int ProcedureId { get; }

    /// <summary>The procedure's target delay: 5 working days.</summary>
    public const int TargetDelayDays = 5;

    public static async Task<DashboardSeed> CreateAsync(HostFixture host)
    {
        // Any of 26 letters (a GUID's letters are only A to F: 6 of them collided once in a few hundred seeds).
        var letters = new string([.. Enumerable.Range(0, 6).Select(_ => (char)('A' + Random.Shared.Next(26)))]);
        var code = "TB" + letters;
        var serviceId = (int)(await host.ScalarAsync(
            "INSERT INTO services (code, name, number_prefix, signatory_name, signatory_title) VALUES (@c, @n, @p, 'Le Directeur', 'Directeur') RETURNING id",
            ("c", code), ("n", $"Direction des statistiques {letters}"), ("p", letters)))!;
        var title = $"Carte statistique {letters}";
        var procedureId = await ProcedureAsync(host, serviceId, title, online: false);
        await ProcedureAsync(host, serviceId, $"Relevé statistique {letters}", online: true);
        // Written behind the portal's back: empty the page cache as a save through the portal would (the home page counts
        // the procedures online, and other tests read it).
        await host.Services.GetRequiredService<IOutputCacheStore>().EvictByTagAsync(CataloguePageCache.Tag, default);

        using var scope = host.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var applicant = new ApplicationUser { UserName = $"stat-{letters}@exemple.bf", Email = $"stat-{letters}@exemple.bf", FirstNames = "Awa", LastName = "Ouédraogo" };
        await users.CreateAsync(applicant, TestUsers.Password);
        return new DashboardSeed(host, applicant.Id, code, serviceId, title, procedureId);
    }

    /// <summary>A request of the seeded procedure: filed at 09:00 on <paramref name="filed"/>, decided at 15:00 on
    /// <paramref name="decided"/>; its tracking number is returned.</summary>
    public async Task<string> RequestAsync(
        string status, string filed, string? decided = null, string? due = null, int pausedDays = 0, string? pausedSince = null, bool test = false)
    {
        var number = $"{ServiceCode[2..]}-2027-{++_count:D6}";
        await _host.ScalarAsync(
            """
            INSERT INTO requests (id, procedure_id, form_version_id, applicant_id, status, answers, completed_steps, created_at, updated_at,
                                  number, submitted_at, due_on, applicant_name, correction_fields, paused_since, paused_working_days, decided_at, is_test)
            VALUES (gen_random_uuid(), @procedure, (SELECT min(id) FROM form_versions), @applicant, @status, '{}', 1, @filed, @filed,
                    CASE WHEN @status = 'Draft' THEN NULL ELSE @number END,
                    CASE WHEN @status = 'Draft' THEN NULL ELSE @filed END,
                    @due, 'Awa OUÉDRAOGO', '{}', @pausedSince, @pausedDays, @decided, @test)
            """,
            ("procedure", ProcedureId), ("applicant", _applicantId), ("status", status), ("number", number),
            ("filed", At(filed, 9)), ("due", due is null ? DBNull.Value : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture)),
            ("pausedSince", pausedSince is null ? DBNull.Value : At(pausedSince, 10)), ("pausedDays", pausedDays),
            ("decided", decided is null ? DBNull.Value : At(decided, 15)), ("test", test));
        return number;
    }

    private static DateTimeOffset At(string day, int hour) =>
        DateTimeOffset.Parse($"{day}T{hour:D2}:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<int> ProcedureAsync(HostFixture host, int serviceId, string title, bool online) =>
        (int)(await host.ScalarAsync(
            """
            INSERT INTO procedures (slug, title, summary, category_id, service_id, audiences, eligibility, supporting_documents, fee_xof,
                                    target_delay_days, legal_basis, outcome, description, decree_reference, paper_procedure, published_form_version_id)
            VALUES (@slug, @title, 'Pour les tests du tableau de bord.', (SELECT min(id) FROM categories), @service, '{}', '', '{}', 0,
                    @delay, '', '', '', '', '', CASE WHEN @online THEN (SELECT min(id) FROM form_versions) END)
            RETURNING id
            """,
            ("slug", $"statistique-{Guid.NewGuid():N}"), ("title", title), ("service", serviceId), ("delay", TargetDelayDays), ("online", online)))!;
}
