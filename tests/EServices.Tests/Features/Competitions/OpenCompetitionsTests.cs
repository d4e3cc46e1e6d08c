using System.Net;
using EServices.Tests.Payments;
using EServices.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static EServices.Tests.Features.CompetitionAdmin.CompetitionSteps;

namespace EServices.Tests.Features.Competitions;

[Collection(CandidacyCollection.Name)]
public sealed class OpenCompetitionsTests(CandidacyHost host)
{
    [Fact]
    public async Task Open_competitions_count_down_to_their_closing_and_those_opening_soon_are_listed_apart_without_a_button()
    {
        var now = host.Clock().GetUtcNow();
        var (session, codes) = await SeedAsync(
            (now.AddHours(-1), now.AddMinutes(25).AddSeconds(30)),
            (now.AddDays(2).AddMinutes(30), now.AddDays(20)));
        using var visitor = host.NewSession();
        var list = await visitor.GetAsync("/concours");
        var open = list.Html.QuerySelectorAll("li.card").Single(c => c.TextContent.Contains(codes[0], StringComparison.Ordinal));
        Assert.Contains("(clôture dans 25 minutes)", Cells(open), StringComparison.Ordinal);
        Assert.Contains("Gratuit", Cells(open), StringComparison.Ordinal);
        Assert.Contains("Toutes nationalités", Cells(open), StringComparison.Ordinal);
        Assert.Contains("Sans limite d'âge", Cells(open), StringComparison.Ordinal);
        var soon = list.Html.QuerySelectorAll("li").Single(c => c.TextContent.Contains(codes[1], StringComparison.Ordinal) && c.ClassName != "card");
        Assert.Contains("(ouverture dans 2 jours)", soon.TextContent, StringComparison.Ordinal);
        Assert.Contains(session, list.Html.QuerySelectorAll("h3").Select(h => h.TextContent));

        var later = await visitor.GetAsync($"/concours/{codes[1]}");
        Assert.Contains("Les inscriptions à ce concours ne sont pas encore ouvertes", later.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Postuler à ce concours", later.Text, StringComparison.Ordinal);
        Assert.Contains("Les centres d'examen de ce concours ne sont pas encore publiés.", later.Text, StringComparison.Ordinal);

        // The catalogue's sheet of the registration procedure leads here.
        var sheet = await visitor.GetAsync("/demarches/inscription-concours-direct");
        Assert.Equal("/concours", (await visitor.ClickAsync(sheet, "Concours ouverts")).Url);
    }

    [Fact]
    public async Task A_closed_competition_says_so_without_a_button_and_odd_codes_get_the_404_page()
    {
        var now = host.Clock().GetUtcNow();
        var (_, codes) = await SeedAsync((now.AddDays(-10), now.AddSeconds(-1)));
        using var visitor = host.NewSession();
        var closed = await visitor.GetAsync($"/concours/{codes[0]}");
        Assert.Equal(HttpStatusCode.OK, closed.Status);
        Assert.Contains("Les inscriptions à ce concours sont closes depuis le", closed.Text, StringComparison.Ordinal);
        Assert.Null(closed.Html.QuerySelector("form[action$='/candidature']"));
        Assert.DoesNotContain(codes[0], (await visitor.GetAsync("/concours")).Text, StringComparison.Ordinal);

        foreach (var odd in new[] { "inconnu-" + codes[0], "%C3%A9t%C3%A9-2027", new string('a', 200), "a%2Fb", "A-B", "a--b", "%20" })
        {
            var page = await visitor.GetAsync($"/concours/{odd}");
            Assert.True(page.Status == HttpStatusCode.NotFound, $"{odd}: {page.Status}");
            Assert.Contains("Page introuvable", page.Text, StringComparison.Ordinal);
        }
    }

    /// <summary>A session whose competitions have the given windows, each with two centres; returns its name and their codes.</summary>
    private async Task<(string Session, string[] Codes)> SeedAsync(params (DateTimeOffset Opens, DateTimeOffset Closes)[] windows)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var procedure = await db.Procedures.SingleAsync(p => p.Slug == "inscription-concours-direct");
        var name = $"Session {NewCode()}";
        var codes = windows.Select(_ => NewCode("agents")).ToArray();
        db.CompetitionSessions.Add(new CompetitionSession
        {
            Name = name, ProcedureId = procedure.Id, CreatedAt = windows[0].Opens,
            Competitions = [.. windows.Select((w, i) => new Competition
            {
                Code = codes[i], Title = $"Agents {codes[i]}", Corps = "Agents", Job = "Agent", Places = 10, MinimumDiploma = DiplomaLevel.Bepc,
                AgeReferenceDate = new DateOnly(2027, 12, 31), BurkinabeOnly = false, FeeXof = 0, OpensAt = w.Opens, ClosesAt = w.Closes, ExamAt = w.Closes.AddDays(30),
                RequiredDocuments = ["piece_cnib"], CreatedAt = w.Opens, UpdatedAt = w.Opens,
                Centres = i == 1 ? [] : [new ExamCentre { Name = "Ouagadougou", Capacity = 10 }, new ExamCentre { Name = "Dori", Capacity = 5 }],
            })],
        });
        await db.SaveChangesAsync();
        return (name, codes);
    }
}
