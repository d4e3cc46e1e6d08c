using EServices.Tests.Features.Filing;
using EServices.Tests.Infrastructure;
using EServices.Tests.Payments;
using EServices.Web.Data.Seed;
using EServices.Web.Features.Filing;
using EServices.Web.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Features.Competitions;

/// <summary>The registration procedure of a session of competitions takes applications only through the competitions'
/// pages: a generic draft of it (started before the session existed) is neither filed nor paid, whoever tries.</summary>
[Collection(CandidacyCollection.Name)]
public sealed class GenericRegistrationTests(CandidacyHost host)
{
    private const string ToTheList = "Les inscriptions aux concours se font depuis la liste des concours ouverts (/concours)";

    [Fact]
    public async Task A_generic_draft_of_the_registration_is_refused_at_submit_at_payment_and_at_the_counter()
    {
        await CompetitionSeed.AddAsync(host, c => c.ClosesAt = host.Clock().GetUtcNow().AddMinutes(-1));
        using var session = host.NewSession();
        var user = await TestUsers.SignUpAsync(session);
        var id = await GenericDraftAsync(user);
        var review = await FillAsync(session, id);

        var refused = await session.SubmitAsync(review, "Payer et déposer", [("declaration", "oui")]);

        Assert.Equal($"/brouillons/{id}/recapitulatif", refused.Url);
        Assert.Contains(ToTheList, refused.Text, StringComparison.Ordinal);
        Assert.Equal("Draft", await host.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", id)));
        Assert.Equal(true, await host.ScalarAsync("SELECT fee_due IS NULL FROM requests WHERE id = @id", ("id", id)));

        // A draft that reached its payment page before the rule: no payment is opened, and money brought to the counter is
        // recorded for refund, never filed.
        await host.ScalarAsync("UPDATE requests SET fee_due = 5000, awaiting_payment_since = now(), payment_code = @code WHERE id = @id",
            ("code", "P-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant().Replace('0', 'A').Replace('1', 'B')), ("id", id));
        var paying = await session.GetAsync($"/brouillons/{id}/paiement");
        var opening = await session.SubmitAsync(paying, "Payer par mobile money");
        Assert.Contains(ToTheList, opening.Text, StringComparison.Ordinal);
        Assert.Equal(0L, await host.ScalarAsync("SELECT count(*) FROM payments WHERE request_id = @id", ("id", id)));

        Assert.Equal(PaymentLedger.CounterOutcome.NotFileable, await CompetitionSeed.CounterReceiptAsync(host, id, 5000));
        Assert.Equal("RefundDue", await host.ScalarAsync("SELECT flag FROM payments WHERE request_id = @id", ("id", id)));
        Assert.Equal("Draft", await host.ScalarAsync("SELECT status FROM requests WHERE id = @id", ("id", id)));
    }

    [Fact]
    public async Task The_generic_start_leads_to_the_list_even_when_every_competition_is_closed()
    {
        await CompetitionSeed.AddAsync(host);
        await host.ScalarAsync("UPDATE competitions SET closes_at = @at WHERE closes_at > @at", ("at", host.Clock().GetUtcNow().AddMinutes(-1)));
        using var session = host.NewSession();
        await TestUsers.SignUpAsync(session);

        var sheet = await session.GetAsync($"/demarches/{PaymentSteps.Slug}");
        var started = await session.SubmitAsync(sheet, "Commencer la démarche", follow: false);

        Assert.Equal("/concours", started.Location);
        Assert.Contains(ToTheList, (await session.FollowAsync(started)).Text, StringComparison.Ordinal);
    }

    /// <summary>A draft of the generic form, as one started before the session existed.</summary>
    private async Task<Guid> GenericDraftAsync(TestUser user)
    {
        var userId = (string)(await host.ScalarAsync("SELECT id FROM \"AspNetUsers\" WHERE email = @e", ("e", user.Email)))!;
        using var scope = host.Services.CreateScope();
        var started = await scope.ServiceProvider.GetRequiredService<StartDraft.Handler>()
            .HandleAsync(new StartDraft.Command(PaymentSteps.Slug, userId, Test: false), CancellationToken.None);
        return started.DraftId!.Value;
    }

    /// <summary>Every step of the generic form filled: its review page.</summary>
    private static async Task<Page> FillAsync(WebSession session, Guid id)
    {
        var page = await session.GetAsync($"/brouillons/{id}/etapes/1");
        foreach (var step in CatalogueSeed.Load().Procedures.Single(p => p.Slug == PaymentSteps.Slug).Form!.Steps)
        {
            var files = step.Fields.Where(f => f.Type == FieldType.File).ToDictionary(f => f.Key, f => TestFiles.Pdf($"{f.Key}.pdf"));
            page = await session.SubmitAsync(page, "Continuer", step.Fields.SelectMany(EveryFormTests.Sample).ToList(), files);
        }

        Assert.Equal($"/brouillons/{id}/recapitulatif", page.Url);
        return page;
    }
}
