using System.Net;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;
using EServices.Tests.Security;

namespace EServices.Tests.Features.CompetitionAdmin;

/// <summary>« Libérer un numéro CNIB »: AGRE finds whose application holds a CNIB, rejects it with a reason (its applicant is
/// told, the journal keeps it) and the CNIB and the seat are free for their owner; refused with a reason otherwise.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class CnibReleaseTests(CandidacyHost host)
{
    private const string Reason = "La titulaire de la CNIB s'est présentée à l'AGRE : candidature faite à son insu.";

    [Fact]
    public async Task AGRE_sees_whose_application_holds_a_CNIB_rejects_it_with_a_reason_and_the_owner_can_then_apply()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0);
        var cnib = CompetitionSeed.NewCnib();
        using var squatter = host.NewSession();
        await TestUsers.SignUpAsync(squatter, "Issa", "Sawadogo");
        var number = await FileAsync(squatter, competition, cnib);
        using var chef = await ChefAsync();

        var found = await chef.SubmitAsync(await chef.GetAsync($"/admin/concours/{competition.Id}"), "Trouver la candidature",
            [("Cnib", cnib.ToLowerInvariant().Insert(5, " ")), ("Motif", Reason)]);
        Assert.Equal(HttpStatusCode.OK, found.Status);
        Assert.Contains("Issa Sawadogo", found.Text, StringComparison.Ordinal);
        Assert.Contains(number, found.Text, StringComparison.Ordinal);
        Assert.Contains("Déposée", found.Text, StringComparison.Ordinal);
        Assert.Equal("Submitted", await StatusAsync(number));

        var done = await chef.SubmitAsync(found, "Rejeter cette candidature et libérer le numéro");

        Assert.Equal($"/admin/concours/{competition.Id}", done.Url);
        Assert.Contains($"Numéro de CNIB {cnib} libéré : la candidature {number} est rejetée et son titulaire prévenu.", done.Text, StringComparison.Ordinal);
        Assert.Equal("Rejected", await StatusAsync(number));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM candidacies WHERE competition_id = @c AND (cnib IS NOT NULL OR centre_id IS NOT NULL)", ("c", competition.Id)));
        Assert.Equal(0, await host.ScalarAsync("SELECT taken FROM exam_centres WHERE id = @id", ("id", CompetitionSeed.CentreId(competition, "Koudougou"))));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE action LIKE @a", ("a", $"Numéro de CNIB {cnib} libéré : candidature {number} de Issa Sawadogo%Motif : {Reason}")));
        var told = (await squatter.GetAsync($"/mes-demandes/{number}")).Text;
        Assert.Contains(Reason, told, StringComparison.Ordinal);
        Assert.Contains("Numéro de CNIB et place au centre d'examen libérés", told, StringComparison.Ordinal);

        using var owner = host.NewSession();
        await TestUsers.SignUpAsync(owner);
        Assert.Matches(@"^[A-Z]+-2027-\d{6}$", await FileAsync(owner, competition, cnib));
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM candidacies WHERE competition_id = @c AND cnib = @n", ("c", competition.Id), ("n", cnib)));
    }

    [Fact]
    public async Task An_unknown_CNIB_a_missing_or_long_reason_an_unpaid_draft_an_accepted_application_and_a_numbered_competition_are_refused()
    {
        var competition = await CompetitionSeed.AddAsync(host);
        var url = $"/admin/concours/{competition.Id}/cnib";
        using var chef = await ChefAsync();
        var cnib = CompetitionSeed.NewCnib();
        using var candidate = host.NewSession();
        await TestUsers.SignUpAsync(candidate);
        await candidate.SubmitAsync(await CompetitionSeed.ToReviewAsync(candidate, competition, cnib), "Payer et déposer", [("declaration", "oui")]);

        var unknown = await Forge.PostPageAsync(chef, url, ("Cnib", "B00000001"), ("Motif", Reason));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("Aucune candidature à ce concours ne détient le numéro de CNIB « B00000001 ».", unknown.ErrorFor("Cnib"));
        Assert.Equal(Reason, unknown.ValueOf("Motif"));
        var empty = await Forge.PostPageAsync(chef, url, ("Cnib", cnib), ("Motif", "   "));
        Assert.StartsWith("Indiquez le motif", empty.ErrorFor("Motif"), StringComparison.Ordinal);
        Assert.Equal(cnib, empty.ValueOf("Cnib"));
        Assert.Equal("Le motif doit contenir au plus 500 caractères.", (await Forge.PostPageAsync(chef, url, ("Cnib", cnib), ("Motif", new string('é', 501)))).ErrorFor("Motif"));
        Assert.StartsWith("La candidature qui détient ce numéro attend son paiement", (await Forge.PostPageAsync(chef, url, ("Cnib", cnib), ("Motif", Reason))).ErrorFor("Cnib"), StringComparison.Ordinal);

        await host.ScalarAsync("UPDATE requests SET status = 'Accepted', awaiting_payment_since = NULL WHERE id = (SELECT request_id FROM candidacies WHERE competition_id = @c AND cnib = @n)", ("c", competition.Id), ("n", cnib));
        Assert.Contains("est acceptée", (await Forge.PostPageAsync(chef, url, ("Cnib", cnib), ("Motif", Reason))).ErrorFor("Cnib"), StringComparison.Ordinal);
        await host.ScalarAsync("UPDATE competitions SET numbered_at = now() WHERE id = @c", ("c", competition.Id));
        var numbered = await Forge.PostPageAsync(chef, $"{url}/liberer", ("Cnib", cnib), ("Motif", Reason), ("candidature", Guid.NewGuid().ToString()));
        Assert.StartsWith("Les numéros de table de ce concours sont attribués", numbered.ErrorFor("Cnib"), StringComparison.Ordinal);
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM candidacies WHERE competition_id = @c AND cnib = @n", ("c", competition.Id), ("n", cnib)));
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE action LIKE @a", ("a", $"Numéro de CNIB {cnib} libéré%")));
    }

    [Fact]
    public async Task Odd_inputs_and_a_stale_confirmation_never_cause_a_server_error_nor_a_release()
    {
        var competition = await CompetitionSeed.AddAsync(host, c => c.FeeXof = 0);
        var url = $"/admin/concours/{competition.Id}/cnib";
        var cnib = CompetitionSeed.NewCnib();
        using var candidate = host.NewSession();
        await TestUsers.SignUpAsync(candidate);
        var number = await FileAsync(candidate, competition, cnib);
        using var chef = await ChefAsync();
        var long200 = new string('é', 200);

        (string, string)[][] posts =
        [
            [("Cnib", cnib), ("Cnib", "B00000002"), ("Motif", Reason), ("Motif", "Deux")],
            [("Cnib", long200), ("Motif", long200)],
            [("Cnib", "<script>é</script>"), ("Motif", "Ça n'est pas à lui ; « guillemets » & accents")],
            [],
        ];
        foreach (var post in posts)
        {
            // Repeated keys: the first value counts (the CNIB found, shown for confirmation); the others are refused.
            Assert.True((await Forge.PostPageAsync(chef, url, post)).Status is HttpStatusCode.OK or HttpStatusCode.BadRequest);
            Assert.Equal(HttpStatusCode.BadRequest, (await Forge.PostPageAsync(chef, $"{url}/liberer", [.. post, ("candidature", "abc")])).Status);
        }

        var stale = await Forge.PostPageAsync(chef, $"{url}/liberer", ("Cnib", cnib), ("Motif", Reason), ("candidature", Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.BadRequest, stale.Status);
        Assert.Equal("La candidature qui détient ce numéro a changé entre-temps : vérifiez-la avant de confirmer.", stale.ErrorFor("Cnib"));
        Assert.Equal("Submitted", await StatusAsync(number));
        Assert.Equal(HttpStatusCode.NotFound, (await Forge.PostPageAsync(chef, "/admin/concours/2147483647/cnib", ("Cnib", cnib), ("Motif", Reason))).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await candidate.GetAsync(url, follow: false)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await chef.Client.PostAsync(url, new FormUrlEncodedContent([KeyValuePair.Create("Cnib", cnib), KeyValuePair.Create("Motif", Reason)]))).StatusCode);
    }

    private async Task<WebSession> ChefAsync()
    {
        var chef = host.NewSession();
        await TestStaff.SignInAsync(host, chef, Roles.Supervisor, "AGRE", "Mariam", "Sawadogo");
        return chef;
    }

    /// <summary>Applies to the free competition with this CNIB at Koudougou (its one place); the application's number.</summary>
    private static async Task<string> FileAsync(WebSession session, Competition competition, string cnib) =>
        (await session.SubmitAsync(await CompetitionSeed.ToReviewAsync(session, competition, cnib, "Koudougou"), "Déposer ma candidature", [("declaration", "oui")])).Url.Split('/')[^1];

    private async Task<object?> StatusAsync(string number) => await host.ScalarAsync("SELECT status FROM requests WHERE number = @n", ("n", number));
}
