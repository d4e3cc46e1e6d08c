using System.Net;
using EServices.Tests.Features.Competitions;
using EServices.Tests.Infrastructure;
using EServices.Web.Data;
using EServices.Web.Features.CompetitionAdmin;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static EServices.Tests.Features.CompetitionAdmin.CompetitionSteps;

namespace EServices.Tests.Features.CompetitionAdmin;

[Collection(CandidacyCollection.Name)]
public sealed class CompetitionAdminTests(CandidacyHost host)
{
    [Fact]
    public async Task An_AGRE_head_of_service_creates_a_session_a_competition_and_its_centres_which_anyone_then_sees_open_with_its_countdown()
    {
        using var chef = host.NewSession();
        await TestStaff.SignInAsync(host, chef, Roles.Supervisor, "AGRE", "Mariam", "Sawadogo");
        var code = NewCode("secretaires");
        var sessionName = $"Concours directs, session 2027 ({code})";
        var sessionPage = await CreateSessionAsync(chef, sessionName);
        Assert.Contains($"Session « {sessionName} » enregistrée.", sessionPage.Text, StringComparison.Ordinal);
        Assert.Contains("Cette session n'a pas encore de concours.", sessionPage.Text, StringComparison.Ordinal);

        var competition = await CreateCompetitionAsync(chef, sessionPage, Fields(host, code));
        Assert.Contains($"Concours « Secrétaires administratifs {code} » créé : ajoutez ses centres d'examen.", competition.Text, StringComparison.Ordinal);
        Assert.Equal(code, competition.ValueOf("Code"));
        competition = await AddCentreAsync(chef, competition, "Ouagadougou", 100);
        competition = await AddCentreAsync(chef, competition, "Bobo-Dioulasso", 40);
        Assert.Contains("Centre « Bobo-Dioulasso » enregistré.", competition.Text, StringComparison.Ordinal);
        var centres = competition.Html.QuerySelector("#centres + p + table")!.TextContent;
        Assert.Contains("Ouagadougou", centres, StringComparison.Ordinal);
        Assert.Contains("Bobo-Dioulasso", centres, StringComparison.Ordinal);

        var session = await chef.ClickAsync(competition, sessionName);
        var row = Cells(session.Html.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(code, StringComparison.Ordinal)));
        Assert.EndsWith("150 0 0", row, StringComparison.Ordinal); // places, candidacies, places taken

        using var visitor = host.NewSession();
        var list = await visitor.GetAsync("/concours");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        var card = list.Html.QuerySelectorAll("li.card").Single(c => c.TextContent.Contains(code, StringComparison.Ordinal));
        Assert.Contains(sessionName, card.Closest("section")!.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        var text = Cells(card);
        Assert.Contains("Places 150", text, StringComparison.Ordinal);
        Assert.Contains("Diplôme minimum Baccalauréat", text, StringComparison.Ordinal);
        Assert.Contains("De 18 à 35 ans au 31/12/2027", text, StringComparison.Ordinal);
        Assert.Contains("Nationalité burkinabè", text, StringComparison.Ordinal);
        Assert.Contains("(clôture dans 3 jours et 4 heures)", text, StringComparison.Ordinal);

        var detail = await visitor.ClickAsync(list, $"Secrétaires administratifs {code}");
        Assert.Contains("Copie de la CNIB", detail.Text, StringComparison.Ordinal);
        Assert.Contains("Copie du diplôme", detail.Text, StringComparison.Ordinal);
        Assert.Contains("Ouagadougou 100", Cells(detail.Html), StringComparison.Ordinal);
        Assert.Equal($"/concours/{code}/candidature", detail.Html.QuerySelector("form[action$='/candidature']")!.GetAttribute("action"));
        Assert.Contains("Postuler à ce concours", detail.Text, StringComparison.Ordinal);

        Assert.Equal(1, await AuditCountAsync(host, sessionName));
        Assert.Equal(4, await AuditCountAsync(host, code)); // the session (its name holds the code), the competition, each centre
    }

    [Fact]
    public async Task Every_mistake_in_a_competition_is_told_in_French_next_to_its_field_and_what_was_typed_stays()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var sessionPage = await CreateSessionAsync(admin, $"Session {NewCode()}");
        var bad = await CreateCompetitionAsync(admin, sessionPage, Fields(host, "Concours Été 2027",
            ("MinimumAge", "40"), ("MaximumAge", "30"), ("ClosesAt", Local(host, TimeSpan.FromHours(-2))), ("FeeXof", "1002"),
            ("Places", "0"), ("MinimumDiploma", "Agrégation"), ("AgeReferenceDate", "31/02/2027"), ("Title", new string('é', 201))));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.StartsWith("Le code s'écrit en minuscules sans accent", bad.ErrorFor("Code"), StringComparison.Ordinal);
        Assert.Equal("Concours Été 2027", bad.ValueOf("Code"));
        Assert.Equal("L'âge maximum ne peut pas être inférieur à l'âge minimum (40 ans).", bad.ErrorFor("MaximumAge"));
        Assert.Equal("La clôture des inscriptions doit venir après leur ouverture.", bad.ErrorFor("ClosesAt"));
        Assert.Equal("Les frais sont 0 (concours gratuit) ou un montant payable en ligne : au moins 100 FCFA et un multiple de 5.", bad.ErrorFor("FeeXof"));
        Assert.Equal("1002", bad.ValueOf("FeeXof"));
        Assert.Equal("Indiquez le nombre de places : un nombre entier supérieur à 0.", bad.ErrorFor("Places"));
        Assert.Equal("Choisissez le diplôme minimum.", bad.ErrorFor("MinimumDiploma"));
        Assert.StartsWith("Indiquez la date à laquelle l'âge des candidats est calculé", bad.ErrorFor("AgeReferenceDate"), StringComparison.Ordinal);
        Assert.Equal("200 caractères au plus.", bad.ErrorFor("Title"));
        Assert.Equal(8, bad.SummaryErrors.Count);

        var later = await admin.SubmitAsync(bad, "Enregistrer le concours", Fields(host, NewCode(), ("ExamAt", Local(host, TimeSpan.FromDays(1))), ("MinimumAge", "12"), ("OpensAt", "demain")));
        Assert.Equal("Les épreuves doivent avoir lieu après la clôture des inscriptions.", later.ErrorFor("ExamAt"));
        Assert.StartsWith("L'âge minimum est facultatif ; s'il est indiqué, c'est un nombre entier d'années entre 14 et 70.", later.ErrorFor("MinimumAge"), StringComparison.Ordinal);
        Assert.StartsWith("Indiquez la date et l'heure d'ouverture", later.ErrorFor("OpensAt"), StringComparison.Ordinal);

        var code = NewCode();
        var first = await admin.SubmitAsync(later, "Enregistrer le concours", Fields(host, code, ("FeeXof", "0"), ("MinimumAge", ""), ("MaximumAge", "")));
        Assert.Contains("créé", first.Text, StringComparison.Ordinal);
        var twice = await CreateCompetitionAsync(admin, sessionPage, Fields(host, code, ("Title", "Un autre concours")));
        Assert.Equal(HttpStatusCode.BadRequest, twice.Status);
        Assert.Equal($"Le code « {code} » est déjà celui du concours « Secrétaires administratifs {code} » : choisissez-en un autre.", twice.ErrorFor("Code"));

        // A key sent twice, a checkbox with an odd value: the first value counts, the odd one is « not ticked ».
        var repeated = await CreateCompetitionAsync(admin, sessionPage, Fields(host, NewCode(), ("Places", "12"), ("Places", "99"), ("BurkinabeOnly", "peut-être")));
        Assert.Equal(HttpStatusCode.OK, repeated.Status);
        Assert.Equal("12", repeated.ValueOf("Places"));
        Assert.Null(repeated.Html.QuerySelector("#BurkinabeOnly[checked]"));

        // Sessions too: a number of applications of at least 1, a name.
        var session = await admin.SubmitAsync(await admin.GetAsync("/admin/concours/sessions/nouvelle"), "Enregistrer la session", [("Name", " "), ("MaxApplications", "0")]);
        Assert.Equal(HttpStatusCode.BadRequest, session.Status);
        Assert.StartsWith("Saisissez le nom de la session", session.ErrorFor("Name"), StringComparison.Ordinal);
        Assert.StartsWith("Indiquez combien de concours un candidat peut présenter", session.ErrorFor("MaxApplications"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_centre_keeps_room_for_the_places_taken_and_a_chosen_centre_cannot_be_removed()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var code = NewCode();
        var competition = await CreateCompetitionAsync(admin, await CreateSessionAsync(admin, $"Session {code}"), Fields(host, code));
        competition = await AddCentreAsync(admin, competition, "Koudougou", 5);
        var twice = await AddCentreAsync(admin, competition, "koudougou", 5);
        Assert.Equal("Ce concours a déjà un centre « koudougou ».", twice.ErrorFor("Name"));
        await TakePlacesAsync(host, code, "Koudougou", 3);

        var edit = await admin.ClickAsync(await admin.GetAsync(competition.Url), "Koudougou");
        Assert.Contains("Places déjà prises par des candidats : 3.", edit.Text, StringComparison.Ordinal);
        var below = await admin.SubmitAsync(edit, "Enregistrer le centre", [("Capacity", "2")]);
        Assert.Equal(HttpStatusCode.BadRequest, below.Status);
        Assert.Equal("3 places de ce centre sont déjà prises par des candidats : sa capacité ne peut pas être inférieure à 3.", below.ErrorFor("Capacity"));
        Assert.Equal("2", below.ValueOf("Capacity"));

        var full = await admin.SubmitAsync(below, "Enregistrer le centre", [("Capacity", "3")]);
        Assert.Contains("Centre « Koudougou » enregistré.", full.Text, StringComparison.Ordinal);
        var removed = await admin.SubmitAsync(full, "Supprimer le centre Koudougou");
        Assert.Contains("Le centre « Koudougou » ne peut pas être supprimé : 3 candidatures l'ont choisi.", removed.Text, StringComparison.Ordinal);

        using var visitor = host.NewSession();
        var detail = await visitor.GetAsync($"/concours/{code}");
        Assert.Contains("Koudougou complet", Cells(detail.Html), StringComparison.Ordinal);

        var empty = await AddCentreAsync(admin, removed, "Réo", 10);
        var gone = await admin.SubmitAsync(empty, "Supprimer le centre Réo");
        Assert.Contains("Centre « Réo » supprimé.", gone.Text, StringComparison.Ordinal);
        Assert.Equal(1L, (long)(await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_label LIKE @l AND action LIKE 'Centre d''examen supprimé%'", ("l", $"%{code}%")))!);
        Assert.Equal(1L, (long)(await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_label LIKE @l AND action LIKE 'Centre d''examen modifié%'", ("l", $"%{code}%")))!);
    }

    [Fact]
    public async Task Places_taken_while_a_capacity_is_lowered_are_kept_by_the_database_and_told_with_the_same_message()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var code = NewCode();
        await AddCentreAsync(admin, await CreateCompetitionAsync(admin, await CreateSessionAsync(admin, $"Session {code}"), Fields(host, code)), "Dori", 5);

        // The page read the centre before three candidates chose it: only the check constraint sees them.
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var competition = await db.Competitions.SingleAsync(c => c.Code == code);
        var stale = await db.ExamCentres.SingleAsync(c => c.CompetitionId == competition.Id);
        await TakePlacesAsync(host, code, "Dori", 3);
        var result = await scope.ServiceProvider.GetRequiredService<SaveCentre.Handler>()
            .HandleAsync(competition, stale, new SaveCentre.Form { Name = "Dori", Capacity = "2", RoomSize = "50" }, CancellationToken.None);
        Assert.Equal("3 places de ce centre sont déjà prises par des candidats : sa capacité ne peut pas être inférieure à 3.", Assert.Single(result.Errors).ErrorMessage);
        Assert.Equal(5, (int)(await host.ScalarAsync("SELECT capacity FROM exam_centres WHERE id = @c", ("c", stale.Id)))!);
    }

    [Fact]
    public async Task Only_administrators_and_AGRE_heads_of_service_run_the_competitions()
    {
        using var anonymous = host.NewSession();
        Assert.Contains("/compte/connexion", (await anonymous.GetAsync("/admin/concours", follow: false)).Location, StringComparison.Ordinal);

        using var citizen = host.NewSession();
        await TestUsers.SignUpAsync(citizen);
        Assert.Contains("/compte/acces-refuse", (await citizen.GetAsync("/admin/concours", follow: false)).Location, StringComparison.Ordinal);

        foreach (var (role, service) in new[] { (Roles.Supervisor, "DGFP"), (Roles.Agent, "AGRE") })
        {
            using var staff = host.NewSession();
            await TestStaff.SignInAsync(host, staff, role, service);
            Assert.Contains("/compte/acces-refuse", (await staff.GetAsync("/admin/concours", follow: false)).Location, StringComparison.Ordinal);
            var post = await staff.Client.PostAsync("/admin/concours/sessions/nouvelle", new FormUrlEncodedContent([KeyValuePair.Create("Name", "Intrus")]));
            Assert.True(post.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.BadRequest, $"{post.StatusCode}");
        }

        Assert.Equal(0L, (long)(await host.ScalarAsync("SELECT count(*) FROM competition_sessions WHERE name = 'Intrus'"))!);

        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var home = await admin.GetAsync("/admin");
        Assert.Equal("Concours directs", (await admin.ClickAsync(home, "Concours directs")).Html.QuerySelector("h1")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/concours/999999", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/concours/sessions/999999", follow: false)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/concours/999999/centres/1", follow: false)).Status);
    }
}
