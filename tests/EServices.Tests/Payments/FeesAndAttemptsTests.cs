namespace EServices.Tests.Payments;

/// <summary>The pure rules of a fee and of one payment attempt: what is due, what may change a draft waiting for its
/// payment, and how an attempt's check window and back-off end.</summary>
public sealed class FeesAndAttemptsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static Procedure AProcedure(FeeKind kind, int fixedAmount = 0, string? field = null, Dictionary<string, int>? byChoice = null) => new()
    {
        Slug = "inscription-concours",
        Title = "Inscription à un concours direct",
        Summary = "",
        PublishedFormVersionId = 1,
        FeeKind = kind,
        FeeXof = fixedAmount,
        FeeFieldKey = field,
        FeeByChoice = Fees.ToJson(byChoice ?? []),
    };

    private static FormAnswers Answers(string key, string value)
    {
        var answers = FormAnswers.Empty();
        answers.Set(key, value);
        return answers;
    }

    [Fact]
    public void A_procedure_without_online_fee_is_free_whatever_its_catalogue_cost()
    {
        Assert.Equal(0, Fees.For(AProcedure(FeeKind.None, fixedAmount: 5000), FormAnswers.Empty()));
    }

    [Fact]
    public void A_fixed_fee_is_the_procedure_amount()
    {
        Assert.Equal(5000, Fees.For(AProcedure(FeeKind.Fixed, fixedAmount: 5000), FormAnswers.Empty()));
    }

    [Theory]
    [InlineData("categorie-a", 5000)]
    [InlineData("categorie-c", 2000)]
    [InlineData("exonere", 0)]
    public void A_fee_per_choice_follows_the_answer(string choice, int expected)
    {
        var procedure = AProcedure(FeeKind.PerChoice, field: "categorie", byChoice: new() { ["categorie-a"] = 5000, ["categorie-c"] = 2000, ["exonere"] = 0 });
        Assert.Equal(expected, Fees.For(procedure, Answers("categorie", choice)));
    }

    [Fact]
    public void A_choice_without_an_amount_or_no_answer_has_no_fee_rather_than_a_free_one()
    {
        var procedure = AProcedure(FeeKind.PerChoice, field: "categorie", byChoice: new() { ["categorie-a"] = 5000 });
        Assert.Null(Fees.For(procedure, Answers("categorie", "categorie-b")));
        Assert.Null(Fees.For(procedure, FormAnswers.Empty()));
    }

    [Theory]
    [InlineData(100, true)]
    [InlineData(5000, true)]
    [InlineData(99, false)]
    [InlineData(101, false)]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    public void Online_amounts_are_whole_francs_of_at_least_100_in_steps_of_5(int amount, bool payable)
    {
        Assert.Equal(payable, Fees.IsPayableOnline(amount));
    }

    [Fact]
    public void A_draft_waiting_for_its_payment_is_frozen_and_is_filed_only_with_a_payment()
    {
        var request = Request.StartDraft(AProcedure(FeeKind.Fixed, 5000), "applicant", Now);
        request.AwaitPayment(5000, "P-7K3M9Q2X", Now);

        Assert.True(request.IsAwaitingPayment);
        Assert.Equal("En attente de paiement", request.StatusLabel);
        Assert.Equal(RequestStatus.Draft, request.Status);
        Assert.Throws<InvalidTransitionException>(() => request.SaveAnswers(FormAnswers.Empty(), 1, Now));
        var unpaid = Assert.Throws<InvalidTransitionException>(() => request.Submit("FP-2026-000001", "Awa OUÉDRAOGO", new DateOnly(2026, 12, 10), null, Now));
        Assert.Equal("Cette demande ne sera déposée qu'une fois son paiement confirmé.", unpaid.Message);

        var paymentId = Guid.NewGuid();
        request.Submit("FP-2026-000001", "Awa OUÉDRAOGO", new DateOnly(2026, 12, 10), null, Now, paymentId);
        Assert.Equal((RequestStatus.Submitted, paymentId, 5000), (request.Status, request.PaymentId, request.FeeDue));
        Assert.False(request.IsAwaitingPayment);
        Assert.Equal(["Brouillon créé", $"En attente de paiement : {FieldRules.FormatAmount(5000)}", "Demande déposée"], request.Events.Select(e => e.Comment));
    }

    [Fact]
    public void Going_back_to_the_form_unfreezes_the_draft_and_a_free_draft_cannot_be_filed_with_a_payment()
    {
        var request = Request.StartDraft(AProcedure(FeeKind.Fixed, 5000), "applicant", Now);
        Assert.Throws<InvalidTransitionException>(() => request.Submit("FP-2026-000001", "Awa", new DateOnly(2026, 12, 10), null, Now, Guid.NewGuid()));
        request.AwaitPayment(5000, "P-7K3M9Q2X", Now);
        request.BackToForm(Now.AddMinutes(5));

        Assert.False(request.IsAwaitingPayment);
        Assert.Null(request.FeeDue);
        request.SaveAnswers(FormAnswers.Empty(), 1, Now.AddMinutes(6));
        Assert.Equal("Retour au formulaire avant paiement", request.Events[^1].Comment);
    }

    [Fact]
    public void A_pending_attempt_expires_when_its_next_check_would_fall_after_the_window()
    {
        var request = Request.StartDraft(AProcedure(FeeKind.Fixed, 5000), "applicant", Now);
        request.AwaitPayment(5000, "P-7K3M9Q2X", Now);
        var payment = Payment.Start(request, 1, "cinetpay", "ES2612070000000001", 5000, Now, TimeSpan.FromHours(48), Now.AddMinutes(2));

        payment.StillPending("662 WAITING_CUSTOMER_PAYMENT", Now.AddHours(47), Now.AddHours(1));
        Assert.Equal((PaymentStatus.Pending, Now.AddHours(47)), (payment.Status, payment.NextCheckAt));

        payment.StillPending("injoignable", Now.AddHours(49), Now.AddHours(47));
        Assert.Equal(PaymentStatus.Expired, payment.Status);
        Assert.Null(payment.NextCheckAt);
        Assert.Equal(2, payment.Checks);
    }

    [Fact]
    public void Only_the_exact_amount_in_francs_cfa_matches_and_only_flagged_money_is_refunded()
    {
        var request = Request.StartDraft(AProcedure(FeeKind.Fixed, 5000), "applicant", Now);
        request.AwaitPayment(5000, "P-7K3M9Q2X", Now);
        var payment = Payment.Start(request, 1, "cinetpay", "ES2612070000000002", 5000, Now, TimeSpan.FromHours(48), Now);

        Assert.True(payment.Matches(5000, "XOF"));
        Assert.False(payment.Matches(4995, "XOF"));
        Assert.False(payment.Matches(5000, "XAF"));
        Assert.False(payment.Matches(null, "XOF"));

        payment.ConfirmPaid(5000, "XOF", "OM", "MP261207.1000.A00001", "+22670000001", Now, PaymentFlag.None, "00 SUCCES", Now);
        Assert.Throws<InvalidTransitionException>(() => payment.Refunded("admin", "virement", Now));
    }

    [Theory]
    [InlineData("OM", "Orange Money")]
    [InlineData("momo", "Moov Money")]
    [InlineData("TRESOR", "quittance du Trésor (paiement au guichet)")]
    [InlineData(null, "mobile money")]
    [InlineData("WAVE", "WAVE")]
    public void The_means_read_as_the_applicant_knows_them(string? method, string label)
    {
        Assert.Equal(label, Payment.MeansLabel(method));
    }
}
