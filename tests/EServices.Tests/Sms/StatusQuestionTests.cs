using EServices.Web.Features.Sms;

namespace EServices.Tests.Sms;

public sealed class StatusQuestionTests
{
    [Theory]
    [InlineData("SUIVI FP-2027-000123", "FP-2027-000123")]
    [InlineData("suivi fp-2027-000123", "FP-2027-000123")]
    [InlineData("  Suívi   FP 2027 000123  ", "FP-2027-000123")]
    [InlineData("SUÌVI fp2027000123", "FP-2027-000123")]
    [InlineData("Suivi: AT-2027-123", "AT-2027-000123")]
    [InlineData("SUIVI\tAT–2027–000001.", "AT-2027-000001")]
    public void A_suivi_question_names_the_tracking_number(string text, string number) =>
        Assert.Equal(number, StatusQuestion.NumberAskedIn(text));

    [Theory]
    [InlineData("")]
    [InlineData("SUIVI")]
    [InlineData("SUIVI moi")]
    [InlineData("Bonjour SUIVI FP-2027-000123")]
    [InlineData("SUIVI FP-2027-0001234")]
    [InlineData("AIDE")]
    [InlineData("SUIVI FP-2027-١٢٣")] // Arabic-Indic digits
    [InlineData("SUIVI FP-٢٠٢٧-000123")]
    [InlineData("SUIVI FP-２０２７-０００１２３")] // full-width digits
    public void Anything_else_is_not_a_suivi_question(string text) => Assert.Null(StatusQuestion.NumberAskedIn(text));

    [Theory]
    [InlineData("+22670123456", "+22670123456")]
    [InlineData("0022670123456", "+22670123456")]
    [InlineData("22670123456", "+22670123456")]
    [InlineData("70123456", "+22670123456")]
    [InlineData("+33612345678", "+33612345678")]
    [InlineData(null, "")]
    public void Senders_are_normalised_to_e164(string? from, string expected) => Assert.Equal(expected, Sender.Normalised(from));
}
