using EServices.Tests.Infrastructure;
using EServices.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Admin;

public sealed record TestService(int Id, string Code);

public sealed record TestProcedure(int Id, string Slug, string Title);

/// <summary>A service and a procedure of their own for tests that change routing: the seeded catalogue is shared by every test.</summary>
public static class TestCatalogue
{
    /// <summary>A service with a unique acronym and tracking-number prefix (4 letters at most, as the service page requires).</summary>
    public static async Task<TestService> CreateServiceAsync(HostFixture host)
    {
        static string Letters(int count) => new(Guid.NewGuid().ToString("N").Select(c => (char)('A' + (c % 26))).Take(count).ToArray());
        var code = "T" + Letters(7);
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var prefix = "Z" + Letters(3);
        while (await db.Services.AnyAsync(s => s.NumberPrefix == prefix))
        {
            prefix = "Z" + Letters(3);
        }

        var service = db.Services.Add(new Service
        {
            Code = code, Name = $"Direction des essais {code}", NumberPrefix = prefix, SignatoryName = "Fatimata Ouattara", SignatoryTitle = "La Directrice",
        }).Entity;
        await db.SaveChangesAsync();
        return new TestService(service.Id, code);
    }

    /// <summary>An online procedure of the service whose one-step form asks the applicant's region ("region") and whether it is urgent ("urgent").</summary>
    public static async Task<TestProcedure> CreateRegionalProcedureAsync(HostFixture host, int serviceId)
    {
        var slug = $"mutation-{Guid.NewGuid():N}"[..22];
        var title = $"Demande de mutation {slug[9..]}";
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var procedure = db.Procedures.Add(new Procedure
        {
            Slug = slug, Title = title, Summary = "Demandez votre mutation dans une autre région.", ServiceId = serviceId,
            CategoryId = await db.Categories.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(), Audiences = ["agents-publics"], TargetDelayDays = 10,
        }).Entity;
        await db.SaveChangesAsync();
        var form = new FormDefinition
        {
            Steps =
            [
                new FormStep
                {
                    Title = "Votre demande",
                    Fields =
                    [
                        new FormField { Key = "region", Type = FieldType.Region, Label = "Région de résidence", Required = true },
                        new FormField { Key = "urgent", Type = FieldType.YesNo, Label = "Demande urgente" },
                    ],
                },
            ],
        };
        var version = db.FormVersions.Add(FormVersion.Create(procedure.Id, 1, form, HostFixture.Now)).Entity;
        await db.SaveChangesAsync();
        procedure.PublishedFormVersionId = version.Id;
        await db.SaveChangesAsync();
        return new TestProcedure(procedure.Id, slug, title);
    }

    /// <summary>Files a request for the procedure as the signed-in applicant; returns its tracking number.</summary>
    public static async Task<string> FileAsync(WebSession applicant, TestProcedure procedure, string region)
    {
        var step = await applicant.SubmitAsync(await applicant.GetAsync($"/demarches/{procedure.Slug}"), "Commencer la démarche");
        var review = await applicant.SubmitAsync(step, "Continuer vers le récapitulatif", [("region", region)]);
        var filed = await applicant.SubmitAsync(review, "Déposer ma demande", [("declaration", "oui")]);
        return filed.Url.Split('/').Last();
    }
}
