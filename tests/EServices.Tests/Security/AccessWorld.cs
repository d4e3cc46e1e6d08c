using System.Globalization;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>Who sends a request: nobody, an applicant, or a member of staff with each role.</summary>
public enum Who
{
    Anonymous,
    Citizen,
    Agent,
    Supervisor,
    Admin,

    /// <summary>Caissier: the cash desk only.</summary>
    Cashier,

    /// <summary>Guichetier: the counter's pages only, and only the drafts they started there.</summary>
    Clerk,
}

/// <summary>One session per kind of user (staff of the DGFP, signed in with their second factor) and a request the
/// citizen filed with the DGFP, with the ids that route parameters need so that a request reaches a real record.</summary>
public sealed class AccessWorld : IDisposable
{
    public required IReadOnlyDictionary<Who, WebSession> Sessions { get; init; }
    public required string Number { get; init; }
    public required Guid DraftId { get; init; }
    public required Guid AttachmentId { get; init; }
    public required Guid ReceiptId { get; init; }
    public required string ReceiptCode { get; init; }
    public required int ProcedureId { get; init; }
    public required int ServiceId { get; init; }
    public required int CategoryId { get; init; }
    public required int GroupId { get; init; }
    public required int LabelId { get; init; }
    public required string StaffId { get; init; }

    public static async Task<AccessWorld> CreateAsync(HostFixture host)
    {
        var citizen = host.NewSession();
        await TestUsers.SignUpAsync(citizen);
        var number = await AttestationJourney.FileAsync(citizen);
        var draft = await AttestationJourney.StartAsync(citizen);
        var agent = host.NewSession();
        var agentUser = await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var supervisor = host.NewSession();
        await TestStaff.SignInAsync(host, supervisor, Roles.Supervisor, "DGFP", "Aminata", "Traoré");
        var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var cashier = host.NewSession();
        await TestStaff.SignInAsync(host, cashier, Roles.Cashier, "DGFP", "Adama", "Ouattara");
        var clerk = host.NewSession();
        await TestStaff.SignInAsync(host, clerk, Roles.Clerk, null, "Rasmata", "Sawadogo");

        var requestId = (Guid)(await host.ScalarAsync("SELECT id FROM requests WHERE number = @n", ("n", number)))!;
        var receiptId = (Guid)(await host.ScalarAsync("SELECT id FROM issued_documents WHERE request_id = @r AND kind = 'Receipt'", ("r", requestId)))!;
        var serviceId = Int(await host.ScalarAsync("SELECT id FROM services WHERE code = 'DGFP'"));
        return new AccessWorld
        {
            Sessions = new Dictionary<Who, WebSession>
            {
                [Who.Anonymous] = host.NewSession(), [Who.Citizen] = citizen, [Who.Agent] = agent, [Who.Supervisor] = supervisor, [Who.Admin] = admin, [Who.Cashier] = cashier, [Who.Clerk] = clerk,
            },
            Number = number,
            DraftId = Guid.Parse(draft.Url.Split('/')[2]),
            AttachmentId = (Guid)(await host.ScalarAsync("SELECT id FROM attachments WHERE request_id = @r ORDER BY file_name LIMIT 1", ("r", requestId)))!,
            ReceiptId = receiptId,
            ReceiptCode = (string)(await host.ScalarAsync("SELECT code FROM issued_documents WHERE id = @d", ("d", receiptId)))!,
            ProcedureId = Int(await host.ScalarAsync("SELECT id FROM procedures WHERE slug = 'attestation-de-travail'")),
            ServiceId = serviceId,
            CategoryId = Int(await host.ScalarAsync("SELECT min(id) FROM categories")),
            // The seed may have no group: an unknown id still reaches the authorization check, and the administrator gets 404.
            GroupId = Int(await host.ScalarAsync("SELECT coalesce(min(id), 1) FROM service_groups WHERE service_id = @s", ("s", serviceId))),
            LabelId = Int(await host.ScalarAsync(
                "INSERT INTO service_labels (service_id, name, colour) VALUES (@s, left('Accès ' || gen_random_uuid(), 40), 'Blue') RETURNING id", ("s", serviceId))),
            StaffId = (string)(await host.ScalarAsync("SELECT id FROM \"AspNetUsers\" WHERE email = @e", ("e", agentUser.Email)))!,
        };
    }

    public void Dispose()
    {
        foreach (var session in Sessions.Values)
        {
            session.Dispose();
        }
    }

    private static int Int(object? value) => Convert.ToInt32(value, CultureInfo.InvariantCulture);
}
