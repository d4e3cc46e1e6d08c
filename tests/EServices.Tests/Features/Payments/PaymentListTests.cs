using System.Net;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Payments;

/// <summary>« Paiements » for the administrators: filters, paging, and the refund of flagged money.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class PaymentListTests(PaymentsHost host)
{
    private static readonly DateTimeOffset March20 = new(2027, 3, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_list_filters_by_each_criterion_and_reads_in_french()
    {
        var seed = await PaymentSeed.CreateAsync(host);
        var filed = await seed.Service.RequestAsync("Submitted", "2027-03-20");
        var requestId = (Guid)(await host.ScalarAsync("SELECT id FROM requests WHERE number = @n", ("n", filed)))!;
        var paid = await seed.PaymentAsync(requestId, 5000, "Paid", March20, reference: "OM-REF-1");
        var refund = await seed.PaymentAsync(requestId, 5000, "Paid", March20.AddHours(1), flag: "RefundDue", reference: "OM-REF-2");
        var wrong = await seed.PaymentAsync(null, 5000, "Paid", March20.AddDays(-10), flag: "WrongAmount", paid: 4000, method: "MOMO");
        var counter = await seed.PaymentAsync(requestId, 5000, "Paid", March20.AddHours(2), provider: "guichet", reference: "Q-778", method: "TRESOR");
        var failed = await seed.PaymentAsync(null, 5000, "Failed", March20.AddHours(3));
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var service = $"service={seed.Service.ServiceId}";

        var all = await admin.GetAsync($"/admin/paiements?{service}");
        Assert.Equal("5 paiements", all.Html.QuerySelector(".results-count")!.TextContent);
        var row = Row(all, paid);
        Assert.Contains(filed, row, StringComparison.Ordinal);
        Assert.Contains(seed.Service.ProcedureTitle, row, StringComparison.Ordinal);
        Assert.Contains("Orange Money (cinetpay)", row, StringComparison.Ordinal);
        Assert.Contains("OM-REF-1", row, StringComparison.Ordinal);
        Assert.Contains("Payé", row, StringComparison.Ordinal);
        Assert.Contains("brouillon supprimé", Row(all, wrong), StringComparison.Ordinal);
        Assert.Contains("Montant erroné", Row(all, wrong), StringComparison.Ordinal);
        Assert.Contains("reçu 4\u202F000\u00A0FCFA", Row(all, wrong), StringComparison.Ordinal);
        Assert.Contains("Guichet du Trésor", Row(all, counter), StringComparison.Ordinal);
        Assert.Contains("Échoué", Row(all, failed), StringComparison.Ordinal);

        foreach (var (query, expected) in new[]
        {
            ("statut=Failed", new[] { failed }),
            ("signal=RefundDue", [refund]),
            ("signal=WrongAmount", [wrong]),
            ("moyen=guichet", [counter]),
            ($"q={paid.ToLowerInvariant()}", [paid]),
            ("q=OM-REF-2", [refund]),
            ($"q={filed}", [paid, refund, counter]),
            ("du=2027-03-15&au=20/03/2027", [paid, refund, counter, failed]),
            ($"procedure={seed.Service.ProcedureId}&au=2027-03-12", [wrong]),
        })
        {
            var page = await admin.GetAsync($"/admin/paiements?{service}&{query}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Equal(expected.Order(), page.Html.QuerySelectorAll("tbody tr").Select(TransactionOf).Order());
        }
    }

    [Fact]
    public async Task Odd_filter_values_are_told_or_ignored_never_a_server_error()
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        foreach (var query in new[]
        {
            "service=abc&procedure=-1&statut=zzz&signal=%27&moyen=%3Cb%3E&page=-3", "statut=Paid&statut=Failed", "page=99999999999", "q=" + new string('é', 200),
            "service=2147483648", "statut=1", "signal=None,RefundDue",
        })
        {
            var page = await admin.GetAsync($"/admin/paiements?{query}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
        }

        var badDate = await admin.GetAsync("/admin/paiements?du=31/02/2027&au=hier");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.Status);
        Assert.Equal("Saisissez une date valide, par exemple 26/03/2027.", badDate.ErrorFor("du"));
        Assert.Equal("hier", badDate.ValueOf("au"));
    }

    [Fact]
    public async Task The_list_is_paged_by_fifty()
    {
        var seed = await PaymentSeed.CreateAsync(host);
        for (var i = 0; i < 51; i++)
        {
            await seed.PaymentAsync(null, 1000, "Pending", March20.AddMinutes(i));
        }

        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var first = await admin.GetAsync($"/admin/paiements?service={seed.Service.ServiceId}");
        Assert.Equal(50, first.Html.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("Page 1 sur 2", first.Text, StringComparison.Ordinal);
        var second = await admin.ClickAsync(first, "Page suivante");
        Assert.Single(second.Html.QuerySelectorAll("tbody tr"));
        Assert.Contains("En attente", second.Html.QuerySelector("tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flagged_money_is_marked_refunded_with_a_note_once()
    {
        var seed = await PaymentSeed.CreateAsync(host);
        var flagged = await seed.PaymentAsync(null, 5000, "Paid", March20, flag: "RefundDue", reference: "OM-77");
        var plain = await seed.PaymentAsync(null, 5000, "Paid", March20);
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var list = await admin.GetAsync($"/admin/paiements?service={seed.Service.ServiceId}");
        Assert.DoesNotContain("Marquer remboursé", Row(list, plain), StringComparison.Ordinal);

        var form = await admin.ClickAsync(list, "Marquer remboursé");
        Assert.Contains(flagged, form.Text, StringComparison.Ordinal);
        var empty = await admin.SubmitAsync(form, "Enregistrer le remboursement", [("Note", " ")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.Status);
        Assert.StartsWith("Indiquez comment la somme a été rendue", empty.ErrorFor("Note"), StringComparison.Ordinal);
        var tooLong = await admin.SubmitAsync(empty, "Enregistrer le remboursement", [("Note", new string('é', 201))]);
        Assert.Equal("200 caractères au plus.", tooLong.ErrorFor("Note"));

        var done = await admin.SubmitAsync(tooLong, "Enregistrer le remboursement", [("Note", "Remboursement CinetPay n° R-5521")]);
        Assert.Contains($"Le remboursement du paiement {flagged} est enregistré.", done.Text, StringComparison.Ordinal);
        Assert.Contains("Remboursé le 26/03/2027", Row(done, flagged), StringComparison.Ordinal);
        Assert.Contains("Remboursement CinetPay n° R-5521", Row(done, flagged), StringComparison.Ordinal);
        Assert.Equal(1L, await host.ScalarAsync("SELECT count(*) FROM audit_entries WHERE target_id = @t AND action LIKE 'Remboursement enregistré%'", ("t", flagged)));

        var id = await host.ScalarAsync("SELECT id FROM payments WHERE transaction_id = @t", ("t", flagged));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/paiements/{id}/remboursement")).Status);
        var plainId = await host.ScalarAsync("SELECT id FROM payments WHERE transaction_id = @t", ("t", plain));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/admin/paiements/{plainId}/remboursement")).Status);
    }

    private static string TransactionOf(AngleSharp.Dom.IElement row) => row.QuerySelectorAll("td")[5].QuerySelector(".hint")!.TextContent;

    private static string Row(Page page, string transaction) =>
        page.Html.QuerySelectorAll("tbody tr").Single(r => TransactionOf(r) == transaction).TextContent;

    public static TheoryData<string> OddDays => ["9999-12-31", "0001-01-01", "31/12/9999", new string('2', 200)];

    [Theory]
    [MemberData(nameof(OddDays))]
    public async Task Every_date_filter_refuses_a_day_outside_2000_to_2100_beside_its_field(string day)
    {
        using var admin = host.NewSession();
        await TestStaff.SignInAsync(host, admin, Roles.Admin, null, "Salif", "Compaoré");
        var typed = Uri.EscapeDataString(day);
        var message = day.Length > 10 ? "Saisissez une date valide, par exemple 26/03/2027." : "Saisissez une date entre 2000 et 2100, par exemple 26/03/2027.";
        foreach (var (url, field) in new[]
        {
            ($"/admin/paiements?du={typed}", "du"), ($"/admin/paiements?au={typed}", "au"), ($"/admin/paiements/rapport?jour={typed}&service=1&format=csv", "jour"),
            ($"/admin/tableau-de-bord?du={typed}", "du"), ($"/admin/tableau-de-bord?au={typed}", "au"),
        })
        {
            var page = await admin.GetAsync(url);
            Assert.True(page.Status == HttpStatusCode.BadRequest, $"{url}: {page.Status}");
            Assert.Equal(message, page.ErrorFor(field));
            Assert.Equal(day, page.ValueOf(field));
        }

        var export = await admin.GetAsync($"/admin/tableau-de-bord/export.csv?au={typed}");
        Assert.Equal(message, export.ErrorFor("au"));
    }
}
