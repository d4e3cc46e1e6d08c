using EServices.Tests.Features.Admin;
using EServices.Tests.Infrastructure;
using EServices.Web.Data;
using EServices.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Deadlines;

/// <summary>The daily e-mail of a head of service (issue 19): their service's requests late or soon due — by the due date
/// or by the last day before silence decides — on a working day from 7 o'clock, once, whichever node sends it; nothing on
/// a Saturday, nothing for a plain agent, nothing decided.</summary>
[Collection(WebCollection.Name)]
public sealed class DeadlineDigestTests(HostFixture host)
{
    [Fact]
    public async Task A_head_of_service_gets_one_mail_a_working_day_with_the_late_and_soon_due_requests_of_the_service()
    {
        var service = await TestCatalogue.CreateServiceAsync(host);
        var procedure = await TestCatalogue.CreateRegionalProcedureAsync(host, service.Id);
        var head = await TestStaff.CreateAsync(host, Roles.Supervisor, service.Code, "Aminata", "Traoré");
        var agent = await TestStaff.CreateAsync(host, Roles.Agent, service.Code);
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var numbers = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            numbers.Add(await TestCatalogue.FileAsync(applicant, procedure, "kadiogo"));
        }

        var (late, soon, silent, later, decided) = (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]);
        await ArrangeAsync(late, due: new DateOnly(2027, 4, 9));
        await ArrangeAsync(soon, due: new DateOnly(2027, 4, 15)); // two working days after Tuesday 13 April
        await ArrangeAsync(silent, due: new DateOnly(2027, 4, 30), silenceOn: new DateOnly(2027, 4, 14));
        await ArrangeAsync(later, due: new DateOnly(2027, 4, 16));
        await ArrangeAsync(decided, due: new DateOnly(2027, 4, 1), status: RequestStatus.Accepted);

        Assert.Equal(0, await SendAsync(At(4, 13, 6, 30), head.Email)); // before 7 o'clock

        // Two nodes at once: one mail.
        await Task.WhenAll(SendAsync(At(4, 13, 8, 0), head.Email), SendAsync(At(4, 13, 8, 0), head.Email));
        var mail = Assert.Single(await MailsAsync(head.Email));
        Assert.Equal("Échéances du 13/04/2027 : 3 demande(s) à décider", mail.Subject);
        var body = mail.Body;
        Assert.StartsWith("Bonjour Aminata,\n\nEn retard (1) :\n- " + late, body, StringComparison.Ordinal);
        Assert.Contains($"- {late} — {procedure.Title} — échéance dépassée du 09/04/2027 — non attribuée\n  https://localhost/back-office/demandes/{late}", body, StringComparison.Ordinal);
        Assert.Contains("À décider bientôt (2) :", body, StringComparison.Ordinal);
        Assert.Contains($"- {silent} — {procedure.Title} — échéance le 30/04/2027 ; sans décision le 14/04/2027 au soir, acceptée par décision implicite — non attribuée", body, StringComparison.Ordinal);
        Assert.True(body.IndexOf(silent, StringComparison.Ordinal) < body.IndexOf(soon, StringComparison.Ordinal), "the nearest deadline first");
        Assert.DoesNotContain(later, body, StringComparison.Ordinal);
        Assert.DoesNotContain(decided, body, StringComparison.Ordinal);

        Assert.Equal(0, await SendAsync(At(4, 13, 16, 0), head.Email)); // once a day
        Assert.Equal(0, await SendAsync(At(4, 17, 9, 0), head.Email)); // a Saturday
        Assert.Single(await MailsAsync(head.Email));
        Assert.Empty(await MailsAsync(agent.Email));
        await SendAsync(At(4, 14, 8, 0), head.Email); // the next working day: a new mail
        Assert.Equal(2, (await MailsAsync(head.Email)).Count);
    }

    private static DateTimeOffset At(int month, int day, int hour, int minute) => new(2027, month, day, hour, minute, 0, TimeSpan.Zero);

    private async Task ArrangeAsync(string number, DateOnly due, DateOnly? silenceOn = null, RequestStatus? status = null)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.ExecuteSqlAsync($"""
            UPDATE requests SET due_on = {due}, silence_on = {silenceOn}, silence = {(silenceOn is null ? "None" : "Acceptance")},
                status = {(status ?? RequestStatus.Submitted).ToString()}
            WHERE number = {number}
            """);
    }

    /// <summary>A pass of the digests at <paramref name="now"/>; how many mails went to <paramref name="to"/> in it.</summary>
    private async Task<int> SendAsync(DateTimeOffset now, string to)
    {
        var before = (await MailsAsync(to)).Count;
        using var scope = host.Services.CreateScope();
        await ActivatorUtilities.CreateInstance<DeadlineDigests>(scope.ServiceProvider, new ShiftedClock(now)).SendDueAsync(CancellationToken.None);
        return (await MailsAsync(to)).Count - before;
    }

    private async Task<List<(string Subject, string Body)>> MailsAsync(string to)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.OutboxEmails.Where(e => e.To == to).OrderBy(e => e.Id).Select(e => new { e.Subject, e.Body }).ToListAsync())
            .Select(e => (e.Subject, e.Body)).ToList();
    }
}
