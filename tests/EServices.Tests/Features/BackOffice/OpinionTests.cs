using System.Net;
using System.Text.RegularExpressions;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Web.Data;
using EServices.Web.Features.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.BackOffice;

/// <summary>Opinions (« avis », issue 19): an agent asks an outside expert or staff of another service; the expert's link
/// opens that one request, read-only, and nothing else — no other request's file, no back-office, no other key — until
/// the answer or the deadline; the answer (text and file) is for staff only; every step is in the journal.</summary>
[Collection(WebCollection.Name)]
public sealed partial class OpinionTests(HostFixture host)
{
    [Fact]
    public async Task An_outside_expert_reads_only_the_request_asked_about_and_answers_with_a_file_that_only_staff_see()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        var other = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var expert = $"medecin-{Guid.NewGuid():N}@sante.bf";

        var asked = await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Demander l'avis",
            [("nomExpert", "Dr Salif Ouédraogo, médecin-conseil"), ("contactExpert", expert), ("question", "Le certificat médical joint est-il recevable ?"), ("echeanceAvis", "2027-04-05")]);
        Assert.Contains("Avis demandé à Dr Salif Ouédraogo, médecin-conseil : réponse attendue au plus tard le 05/04/2027.", asked.Text, StringComparison.Ordinal);
        Assert.Contains($"à Dr Salif Ouédraogo, médecin-conseil ({expert}) — En attente (jusqu'au 05/04/2027)", asked.Text, StringComparison.Ordinal);
        var invitation = await OutboxAsync(expert);
        var link = new Uri(ExpertLink().Match(invitation).Value);
        var path = link.PathAndQuery;
        var (id, key) = (link.AbsolutePath.Split('/').Last(), link.Query["?cle=".Length..]);

        using var outsider = host.NewSession();
        var page = await outsider.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.True(page.Response.Headers.CacheControl?.NoStore, "a page of personal data reached without a sign-in is never cached");
        Assert.Contains($"Avis sur la demande {number}", page.Text, StringComparison.Ordinal);
        Assert.Contains("« Le certificat médical joint est-il recevable ? »", page.Text, StringComparison.Ordinal);
        Assert.Contains("212345A", page.Text, StringComparison.Ordinal); // the applicant's answers, read-only
        var file = page.Html.QuerySelectorAll("a[href^='/avis/']").Select(a => a.GetAttribute("href")!).First(h => h.Contains("/pieces/", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await outsider.DownloadAsync(file)).Status);

        // Nothing else opens: another request's file, another key, no key, the back-office.
        var otherFile = (await agent.GetAsync($"/back-office/demandes/{other}")).Html.QuerySelectorAll("a[href^='/back-office/pieces/']")[0].GetAttribute("href")!.Split('/').Last();
        var wrongKey = key[..^1] + (key[^1] == 'a' ? 'b' : 'a');
        foreach (var forged in new[]
        {
            $"/avis/{id}/pieces/{otherFile}?cle={key}", $"/avis/{id}?cle={wrongKey}", $"/avis/{id}?cle={key.ToUpperInvariant()}", $"/avis/{id}",
            $"/avis/{id}?cle=", $"/avis/{id}?cle={key}0", $"/avis/{Guid.NewGuid()}?cle={key}", $"/avis/{id}?cle={key}&cle={wrongKey}",
            $"/avis/{id}?CLE={wrongKey}", $"/avis/{id}/pieces/{file.Split('/')[4].Split('?')[0]}?cle={wrongKey}",
        })
        {
            var refused = await outsider.GetAsync(forged);
            Assert.True(refused.Status == HttpStatusCode.NotFound && refused.Text.Contains("Ce lien ne donne plus accès à la demande", StringComparison.Ordinal), $"{forged}: {refused.Status}");
        }

        Assert.NotEqual(HttpStatusCode.OK, (await outsider.GetAsync($"/back-office/demandes/{number}", follow: false)).Status);
        Assert.DoesNotContain("certificat médical joint", (await applicant.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);

        // An answer without text, then with a file that is no PDF: told beside the field, the text kept.
        var empty = await outsider.SubmitAsync(page, "Envoyer mon avis", [("avis", "  ")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.Equal("Écrivez votre avis.", empty.ErrorFor("avis-texte"));
        var badFile = await outsider.SubmitAsync(empty, "Envoyer mon avis", [("avis", "Recevable.")], new Dictionary<string, Upload> { ["fichier"] = TestFiles.ExecutableNamedPdf() });
        Assert.Equal("« Fichier joint » : seuls les fichiers PDF, JPEG et PNG sont acceptés.", badFile.ErrorFor("avis-fichier"));
        Assert.Equal("Recevable.", badFile.Html.QuerySelector("#avis-texte")!.TextContent);

        var sent = await outsider.SubmitAsync(badFile, "Envoyer mon avis", [("avis", "Recevable : le certificat est signé et daté.")], new Dictionary<string, Upload> { ["fichier"] = TestFiles.Pdf("avis-medical.pdf") });
        Assert.Equal("/avis/merci", sent.Url);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(path)).Status); // the link closed with the answer
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(file)).Status);

        var staffPage = await agent.GetAsync($"/back-office/demandes/{number}");
        Assert.Contains("Avis : « Recevable : le certificat est signé et daté. »", staffPage.Text, StringComparison.Ordinal);
        var answerFile = staffPage.Html.QuerySelectorAll("a[href^='/back-office/avis/']").Single();
        Assert.Equal("avis-medical.pdf", answerFile.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await agent.DownloadAsync(answerFile.GetAttribute("href")!)).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await applicant.GetAsync(answerFile.GetAttribute("href")!, follow: false)).Status);
        Assert.DoesNotContain("Recevable", (await applicant.GetAsync($"/mes-demandes/{number}")).Text, StringComparison.Ordinal);
        using var otherService = host.NewSession();
        await TestStaff.SignInAsync(host, otherService, Roles.Agent, "DGT");
        Assert.Equal(HttpStatusCode.NotFound, (await otherService.GetAsync(answerFile.GetAttribute("href")!)).Status);

        var journal = await AuditAsync(number);
        Assert.Equal($"Avis demandé à Dr Salif Ouédraogo, médecin-conseil ({expert}), réponse attendue au plus tard le 05/04/2027", journal[0]);
        Assert.Equal("Avis donné par Dr Salif Ouédraogo, médecin-conseil, avec le fichier « avis-medical.pdf »", journal[1]);
    }

    [Fact]
    public async Task Staff_of_another_service_is_asked_reminded_once_and_their_link_ends_at_the_deadline()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        var colleague = await TestStaff.CreateAsync(host, Roles.Agent, "DGFP", "Moussa", "Zongo");
        var labour = await TestStaff.CreateAsync(host, Roles.Agent, "DGT", "Mariam", "Sawadogo");
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var page = await agent.GetAsync($"/back-office/demandes/{number}");
        var options = page.Html.QuerySelectorAll("#avis-expert option").Select(o => (Value: o.GetAttribute("value")!, Label: o.TextContent)).ToList();
        var colleagueId = (string)(await host.ScalarAsync("SELECT id FROM \"AspNetUsers\" WHERE email = @e", ("e", colleague.Email)))!;
        var labourId = (string)(await host.ScalarAsync("SELECT id FROM \"AspNetUsers\" WHERE email = @e", ("e", labour.Email)))!;
        var expert = $"agent:{labourId}";
        Assert.Contains((expert, "Mariam SAWADOGO — DGT"), options);
        Assert.DoesNotContain(options, o => o.Value == $"agent:{colleagueId}"); // the same service: not an outside opinion

        foreach (var forged in new[] { $"agent:{colleagueId}", "agent:", "agent:nobody", expert + " ", expert.ToUpperInvariant(), "admin" })
        {
            var refused = await agent.SubmitAsync(page, "Demander l'avis", [("expert", forged), ("question", "Avis ?"), ("echeanceAvis", "2027-04-02")]);
            Assert.True(refused.Status == HttpStatusCode.BadRequest, $"{forged}: {refused.Status}");
            Assert.Equal("Choisissez un agent dans la liste des autres services.", refused.ErrorFor("avis-expert"));
            Assert.Equal("Avis ?", refused.Html.QuerySelector("#avis-question")!.TextContent);
        }

        await agent.SubmitAsync(page, "Demander l'avis", [("expert", expert), ("question", "Ce contrat relève-t-il de la DGT ?"), ("echeanceAvis", "2027-04-02")]);
        var link = ExpertLink().Match(await OutboxAsync(labour.Email)).Value;
        using var labourSession = host.NewSession();
        await TestStaff.SignInAsync(host, labourSession, Roles.Agent, "DGT");
        Assert.Equal(HttpStatusCode.NotFound, (await labourSession.GetAsync($"/back-office/demandes/{number}")).Status); // the link, not their scope, opens it
        Assert.Equal(HttpStatusCode.OK, (await labourSession.GetAsync(new Uri(link).PathAndQuery)).Status);

        await RunDeadlinesAsync(new DateTimeOffset(2027, 3, 31, 8, 0, 0, TimeSpan.Zero)); // two days before: a reminder
        await RunDeadlinesAsync(new DateTimeOffset(2027, 4, 1, 8, 0, 0, TimeSpan.Zero)); // once
        Assert.Equal(["Demande d'avis sur la demande " + number, "Rappel : avis attendu sur la demande " + number], await SubjectsAsync(labour.Email));
        Assert.Equal(HttpStatusCode.OK, (await labourSession.GetAsync(new Uri(link).PathAndQuery)).Status); // the portal's day is still 26 March

        await RunDeadlinesAsync(new DateTimeOffset(2027, 4, 3, 8, 0, 0, TimeSpan.Zero)); // the day after the deadline
        Assert.Equal(HttpStatusCode.NotFound, (await labourSession.GetAsync(new Uri(link).PathAndQuery)).Status);
        Assert.Contains("Sans réponse au 02/04/2027 : l'accès de l'expert a pris fin", (await agent.GetAsync($"/back-office/demandes/{number}")).Text, StringComparison.Ordinal);
        Assert.Contains("Avis demandé à Mariam SAWADOGO non donné au 02/04/2027 : son accès a pris fin", await AuditAsync(number));
    }

    [Fact]
    public async Task Each_wrong_field_of_the_request_for_an_opinion_is_told_beside_it_and_what_was_typed_stays()
    {
        using var applicant = host.NewSession();
        await TestUsers.SignUpAsync(applicant);
        var number = await AttestationJourney.FileAsync(applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var page = await agent.GetAsync($"/back-office/demandes/{number}");

        foreach (var (values, field, message) in new (List<(string, string)>, string, string)[]
        {
            ([("nomExpert", "Expert"), ("contactExpert", "70123456"), ("question", ""), ("echeanceAvis", "2027-04-05")], "avis-question", "Écrivez la question posée à l'expert."),
            ([("nomExpert", "Expert"), ("contactExpert", "70123456"), ("question", new string('q', 2001)), ("echeanceAvis", "2027-04-05")], "avis-question", "La question doit contenir au plus 2 000 caractères."),
            ([("nomExpert", "Expert"), ("contactExpert", "70123456"), ("question", "Avis ?"), ("echeanceAvis", "2027-03-26")], "avis-echeance", "Choisissez une date de réponse après aujourd'hui, dans les 90 jours."),
            ([("nomExpert", "Expert"), ("contactExpert", "70123456"), ("question", "Avis ?"), ("echeanceAvis", "2027-07-01")], "avis-echeance", "Choisissez une date de réponse après aujourd'hui, dans les 90 jours."),
            ([("nomExpert", "Expert"), ("contactExpert", "70123456"), ("question", "Avis ?"), ("echeanceAvis", "demain")], "avis-echeance", "Choisissez une date de réponse après aujourd'hui, dans les 90 jours."),
            ([("nomExpert", " "), ("contactExpert", "70123456"), ("question", "Avis ?"), ("echeanceAvis", "2027-04-05")], "avis-nom", "Choisissez un agent d'un autre service, ou écrivez le nom de l'expert extérieur (100 caractères au plus)."),
            ([("nomExpert", "Dr \u202EXuaR"), ("contactExpert", "70123456"), ("question", "Avis ?"), ("echeanceAvis", "2027-04-05")], "avis-nom", "Le nom de l'expert contient des caractères non autorisés."),
            ([("nomExpert", "Expert"), ("contactExpert", "70123456"), ("question", "Avis\u0008 ?"), ("echeanceAvis", "2027-04-05")], "avis-question", "Le texte contient des caractères non autorisés."),
            ([("nomExpert", "Expert"), ("contactExpert", "7012345"), ("question", "Avis ?"), ("echeanceAvis", "2027-04-05")], "avis-contact", "Écrivez l'adresse e-mail de l'expert, ou son numéro de téléphone (8 chiffres, +226 facultatif)."),
            ([("nomExpert", "Expert"), ("contactExpert", "expert@"), ("question", "Avis ?"), ("echeanceAvis", "2027-04-05")], "avis-contact", "Écrivez l'adresse e-mail de l'expert, ou son numéro de téléphone (8 chiffres, +226 facultatif)."),
            ([("nomExpert", "Expert"), ("contactExpert", "a b@sante.bf"), ("question", "Avis ?"), ("echeanceAvis", "2027-04-05")], "avis-contact", "Écrivez l'adresse e-mail de l'expert, ou son numéro de téléphone (8 chiffres, +226 facultatif)."),
        })
        {
            var refused = await agent.SubmitAsync(page, "Demander l'avis", values);
            Assert.True(refused.Status == HttpStatusCode.BadRequest, $"{field}: {refused.Status}");
            Assert.Equal(message, refused.ErrorFor(field));
            Assert.Equal(values.Single(v => v.Item1 == "contactExpert").Item2, refused.ValueOf("avis-contact"));
        }

        // By SMS: the link goes to the phone, in the +226 form.
        var phone = $"7{Random.Shared.Next(1000000, 9999999)}";
        await agent.SubmitAsync(page, "Demander l'avis", [("nomExpert", "Inspecteur Traoré"), ("contactExpert", phone), ("question", "Avis ?\r\nSur la pièce 2\tsurtout."), ("echeanceAvis", "2027-04-05")]);
        var sms = (string)(await host.ScalarAsync("SELECT text FROM outbox_sms WHERE \"to\" = @to", ("to", "+226" + phone)))!;
        Assert.Matches(ExpertLink(), sms);
    }

    [GeneratedRegex(@"https://localhost/avis/[0-9a-f-]{36}\?cle=[0-9a-f]{64}")]
    private static partial Regex ExpertLink();

    private async Task RunDeadlinesAsync(DateTimeOffset now)
    {
        using var scope = host.Services.CreateScope();
        await ActivatorUtilities.CreateInstance<OpinionDeadlines>(scope.ServiceProvider, new ShiftedClock(now)).RunAsync(CancellationToken.None);
    }

    private async Task<string> OutboxAsync(string to) => (await MailsAsync(to)).Single().Body;

    private async Task<List<string>> SubjectsAsync(string to) => [.. (await MailsAsync(to)).Select(m => m.Subject)];

    private async Task<List<(string Subject, string Body)>> MailsAsync(string to)
    {
        using var scope = host.Services.CreateScope();
        var mails = await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxEmails.Where(e => e.To == to).OrderBy(e => e.Id).Select(e => new { e.Subject, e.Body }).ToListAsync();
        return [.. mails.Select(m => (m.Subject, m.Body))];
    }

    private async Task<string[]> AuditAsync(string number) =>
        await host.ScalarAsync("SELECT array_agg(action ORDER BY id) FROM audit_entries WHERE target_type = 'demande' AND target_id = @t AND action LIKE 'Avis%'", ("t", number)) as string[] ?? [];
}
