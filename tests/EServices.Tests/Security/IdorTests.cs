using System.Net;
using System.Net.Http.Json;
using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Security;

/// <summary>Insecure direct object references: every address that names a request, a file or a document of someone else
/// answers 404 (never 403, so numbers cannot be probed), to another applicant and to an agent of another service,
/// and a POST there changes nothing.</summary>
[Collection(WebCollection.Name)]
public sealed class IdorTests(HostFixture host)
{
    /// <summary>Citizen A's requests at the DGFP: one accepted (certificate, a message from the agent), one rejected
    /// (refusal letter), one waiting for a correction, and a draft; with the DGFP agent who processed them.</summary>
    private sealed record Dossier(
        TestUser Applicant, WebSession Owner, WebSession Agent, string Accepted, string Rejected, string Correcting, Guid Draft,
        Guid Attachment, Guid Receipt, Guid Certificate, Guid RefusalLetter) : IDisposable
    {
        public void Dispose()
        {
            Owner.Dispose();
            Agent.Dispose();
        }
    }

    private async Task<Dossier> DossierAsync()
    {
        var owner = host.NewSession();
        var applicant = await TestUsers.SignUpAsync(owner);
        var accepted = await AttestationJourney.FileAsync(owner);
        var rejected = await AttestationJourney.FileAsync(owner);
        var correcting = await AttestationJourney.FileAsync(owner);
        var draft = await AttestationJourney.StartAsync(owner);

        var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGFP");
        var taken = await TakeAsync(agent, accepted);
        await agent.SubmitAsync(taken, "Envoyer le message", [("texte", "Votre attestation est prête.")]);
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{accepted}"), "Accepter la demande");
        await agent.SubmitAsync(await TakeAsync(agent, rejected), "Rejeter la demande", [("motif", "Vous n'êtes pas en activité à cette date.")]);
        await agent.SubmitAsync(await TakeAsync(agent, correcting), "Demander le complément",
            [("champs", "structure"), ("message", "Précisez votre service."), ("echeance", "2027-04-09")]);

        return new Dossier(
            applicant, owner, agent, accepted, rejected, correcting, Guid.Parse(draft.Url.Split('/')[2]),
            (Guid)(await host.ScalarAsync("SELECT a.id FROM attachments a JOIN requests r ON r.id = a.request_id WHERE r.number = @n LIMIT 1", ("n", accepted)))!,
            await DocumentAsync(accepted, "Receipt"), await DocumentAsync(accepted, "Certificate"), await DocumentAsync(rejected, "RefusalLetter"));
    }

    [Fact]
    public async Task Another_citizen_gets_404_for_every_address_of_my_requests_and_changes_nothing()
    {
        using var a = await DossierAsync();
        string[] reads =
        [
            $"/mes-demandes/{a.Accepted}", $"/mes-demandes/{a.Accepted}/recepisse", $"/mes-demandes/{a.Accepted}/certificat",
            $"/mes-demandes/{a.Rejected}/certificat", $"/mes-demandes/{a.Correcting}/complement", $"/mes-demandes/pieces/{a.Attachment}",
            $"/brouillons/{a.Draft}/etapes/1", $"/brouillons/{a.Draft}/recapitulatif",
        ];
        (string Url, (string, string)[] Fields)[] writes =
        [
            ($"/mes-demandes/{a.Accepted}/messages", [("texte", "Message d'un intrus")]),
            ($"/mes-demandes/{a.Correcting}/complement", [("structure", "Service de l'intrus")]),
            ($"/brouillons/{a.Draft}/etapes/1", [.. AttestationJourney.Identity]),
            ($"/brouillons/{a.Draft}/deposer", [("declaration", "oui")]),
        ];
        foreach (var url in reads)
        {
            // The review of an unfinished draft leads the owner back to the step to fill.
            var status = await Forge.GetAsync(a.Owner, url);
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.Redirect, $"{url}: the owner should open it (is the address right?), got {(int)status}");
        }

        var before = await FingerprintAsync(a.Applicant);
        using var b = host.NewSession();
        await TestUsers.SignUpAsync(b, "Issa", "Zongo");
        // Staff are signed-in users too (they file test requests): an applicant's addresses are not theirs either.
        foreach (var (who, session) in new[] { ("citizen B", b), ("DGFP agent", a.Agent) })
        {
            foreach (var url in reads)
            {
                using var response = await session.Client.GetAsync(url);
                Assert.True(Hidden(response, url, who), $"GET {url} as {who}: expected 404, got {(int)response.StatusCode}");
            }

            foreach (var (url, fields) in writes)
            {
                var response = (await Forge.PostPageAsync(session, url, fields)).Response;
                Assert.True(Hidden(response, url, who), $"POST {url} as {who}: expected 404, got {(int)response.StatusCode}");
            }
        }

        Assert.Equal(before, await FingerprintAsync(a.Applicant));
        Assert.DoesNotContain("intrus", (await a.Owner.GetAsync($"/mes-demandes/{a.Accepted}")).Text, StringComparison.Ordinal);
    }

    /// <summary>404 for another applicant; staff do not reach applicants' pages at all (applicant-only routes send them to
    /// "accès refusé"), and get 404 on the draft pages they may use for test requests.</summary>
    private static bool Hidden(HttpResponseMessage response, string url, string who) =>
        response.StatusCode == HttpStatusCode.NotFound
        || (who != "citizen B" && url.StartsWith("/mes-demandes", StringComparison.Ordinal)
            && response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/compte/acces-refuse", StringComparison.Ordinal) == true);

    [Fact]
    public async Task An_agent_of_another_service_gets_404_for_every_address_of_a_request_and_changes_nothing()
    {
        using var a = await DossierAsync();
        string[] reads =
        [
            $"/back-office/demandes/{a.Accepted}", $"/back-office/demandes/{a.Accepted}/dossier.pdf", $"/back-office/pieces/{a.Attachment}",
            $"/back-office/documents/{a.Receipt}", $"/back-office/documents/{a.Certificate}", $"/back-office/documents/{a.RefusalLetter}",
            $"/back-office/demandes/{a.Correcting}",
        ];
        (string Url, (string, string)[] Fields)[] agentWrites =
        [
            ($"/back-office/demandes/{a.Accepted}/messages", [("texte", "Message d'un intrus")]),
            ($"/back-office/demandes/{a.Accepted}/notes", [("note", "Note d'un intrus")]),
            ($"/back-office/demandes/{a.Correcting}/prendre", [("version", "0")]),
            ($"/back-office/demandes/{a.Correcting}/accepter", [("version", "0")]),
            ($"/back-office/demandes/{a.Correcting}/rejeter", [("version", "0"), ("motif", "Rejet d'un intrus")]),
            ($"/back-office/demandes/{a.Correcting}/rejeter", [("version", "0"), ("motif", "")]),
            ($"/back-office/demandes/{a.Correcting}/classer", [("version", "0"), ("raison", "Classement d'un intrus")]),
            ($"/back-office/demandes/{a.Correcting}/complement", [("version", "0"), ("champs", "structure"), ("message", "Intrus"), ("echeance", "2027-04-30")]),
        ];
        (string Url, (string, string)[] Fields)[] supervisorWrites =
        [
            ($"/back-office/demandes/{a.Correcting}/attribuer", [("version", "0"), ("agent", "")]),
            ($"/back-office/documents/{a.Certificate}/revoquer", [("motif", "Révocation d'un intrus")]),
        ];
        foreach (var url in reads)
        {
            Assert.True(await Forge.GetAsync(a.Agent, url) == HttpStatusCode.OK, $"{url}: the DGFP agent should open it (is the address right?)");
        }

        var before = await FingerprintAsync(a.Applicant);
        using var agent = host.NewSession();
        await TestStaff.SignInAsync(host, agent, Roles.Agent, "DGT", "Boukary", "Zongo");
        using var supervisor = host.NewSession();
        await TestStaff.SignInAsync(host, supervisor, Roles.Supervisor, "DGT", "Mariam", "Sawadogo");
        foreach (var (who, session, writes) in new[] { ("DGT agent", agent, agentWrites), ("DGT head of service", supervisor, agentWrites.Concat(supervisorWrites).ToArray()) })
        {
            foreach (var url in reads)
            {
                var status = await Forge.GetAsync(session, url);
                Assert.True(status == HttpStatusCode.NotFound, $"GET {url} as {who}: expected 404, got {(int)status}");
            }

            foreach (var (url, fields) in writes)
            {
                var status = (await Forge.PostPageAsync(session, url, fields)).Status;
                Assert.True(status == HttpStatusCode.NotFound, $"POST {url} as {who}: expected 404, got {(int)status}");
            }
        }

        // The bulk form names requests by number: another service's request is reported as not found, and not moved.
        var bulk = await Forge.PostPageAsync(agent, "/back-office/lot", ("numeros", a.Correcting), ("operation", "prendre"));
        Assert.Contains("Demande introuvable.", bulk.Text, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync(a.Applicant));
    }

    [Fact]
    public async Task An_api_client_of_another_service_gets_404_for_every_address_of_a_request_and_changes_nothing()
    {
        using var a = await DossierAsync();
        string[] reads =
        [
            $"/api/v1/demandes/{a.Accepted}", $"/api/v1/pieces/{a.Attachment}", $"/api/v1/documents/{a.Receipt}", $"/api/v1/documents/{a.Certificate}",
            $"/api/v1/documents/{a.RefusalLetter}", $"/api/v1/demandes/{a.Correcting}", $"/api/v1/demandes/{a.Rejected}",
        ];
        (string Url, object Body)[] writes =
        [
            ($"/api/v1/demandes/{a.Accepted}/messages", new { texte = "Message d'un intrus" }),
            ($"/api/v1/demandes/{a.Correcting}/prendre", new { version = 0 }),
            ($"/api/v1/demandes/{a.Correcting}/accepter", new { version = 0 }),
            ($"/api/v1/demandes/{a.Correcting}/rejeter", new { version = 0, motif = "Rejet d'un intrus" }),
            ($"/api/v1/demandes/{a.Correcting}/complement", new { version = 0, champs = new[] { "structure" }, message = "Intrus", echeance = "2027-04-30" }),
        ];
        using var admin = await EServices.Tests.Features.Api.ApiClients.AdminAsync(host);
        using var own = await EServices.Tests.Features.Api.ApiClients.SignedInAsync(host, await EServices.Tests.Features.Api.ApiClients.RegisterAsync(admin, "DGFP", mayDecide: false));
        foreach (var url in reads)
        {
            using var response = await own.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: the DGFP client should read it (is the address right?), got {(int)response.StatusCode}");
        }

        var before = await FingerprintAsync(a.Applicant);
        using var other = await EServices.Tests.Features.Api.ApiClients.SignedInAsync(host, await EServices.Tests.Features.Api.ApiClients.RegisterAsync(admin, "DGT", mayDecide: true));
        foreach (var url in reads)
        {
            using var response = await other.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"GET {url} as a DGT client: expected 404, got {(int)response.StatusCode}");
        }

        foreach (var (url, body) in writes)
        {
            using var response = await other.PostAsync(url, JsonContent.Create(body));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} as a DGT client: expected 404, got {(int)response.StatusCode}");
        }

        Assert.Equal(before, await FingerprintAsync(a.Applicant));
    }

    private static async Task<Page> TakeAsync(WebSession agent, string number) =>
        await agent.SubmitAsync(await agent.GetAsync($"/back-office/demandes/{number}"), "Prendre la demande");

    private async Task<Guid> DocumentAsync(string number, string kind) =>
        (Guid)(await host.ScalarAsync("SELECT d.id FROM issued_documents d JOIN requests r ON r.id = d.request_id WHERE r.number = @n AND d.kind = @k", ("n", number), ("k", kind)))!;

    /// <summary>Everything an intruder could change about the applicant's requests, in one string: each request's row
    /// version (xmin moves on any update), status, assignee and answers, and the counts of their messages, events,
    /// revoked documents and attachments.</summary>
    private async Task<string> FingerprintAsync(TestUser applicant) =>
        (string)(await host.ScalarAsync(
            """
            WITH mine AS (SELECT r.id, r.xmin::text AS row_version, r.status, r.assignee_id, r.answers FROM requests r JOIN "AspNetUsers" u ON u.id = r.applicant_id WHERE u.email = @e)
            SELECT (SELECT string_agg(id::text || ':' || row_version || ':' || status || ':' || coalesce(assignee_id, '') || ':' || answers::text, '|' ORDER BY id) FROM mine)
                || '#' || (SELECT count(*) FROM request_messages WHERE request_id IN (SELECT id FROM mine))
                || '#' || (SELECT count(*) FROM request_events WHERE request_id IN (SELECT id FROM mine))
                || '#' || (SELECT count(*) FROM issued_documents WHERE revoked_at IS NOT NULL AND request_id IN (SELECT id FROM mine))
                || '#' || (SELECT count(*) FROM attachments WHERE request_id IN (SELECT id FROM mine))
            """,
            ("e", applicant.Email)))!;
}
