
namespace EServices.Tests.Domain;

public sealed class SmsTextTests
{
    [Fact]
    public void A_notice_in_French_keeps_the_accents_GSM_7_has_and_costs_one_septet_each()
    {
        var sms = SmsText.Of("Votre demande FP-2027-000123 est acceptée. Détails : https://eservices.gov.bf/d/FP-2027-000123");

        Assert.Equal(SmsCoding.Gsm7, sms.Coding);
        Assert.Equal("Votre demande FP-2027-000123 est acceptée. Détails : https://eservices.gov.bf/d/FP-2027-000123", sms.Text);
        Assert.Equal(sms.Text.Length, sms.Length);
        Assert.Equal(1, sms.Parts);
    }

    [Theory]
    [InlineData("Reçu à l’hôpital", "Recu à l'hopital")]
    [InlineData("Noël, être, maître, sûr, aïeul", "Noel, etre, maitre, sur, aieul")]
    [InlineData("« Pièce illisible » — à refaire…", "\"Pièce illisible\" - à refaire...")]
    [InlineData("ÀÂÈÊËÎÏÔÙÛŸ œuvre Œuvre", "AAEEEIIOUUY oeuvre OEuvre")]
    [InlineData("5\u202F000\u00A0FCFA", "5 000 FCFA")]
    public void Letters_outside_GSM_7_are_replaced_by_the_closest_never_by_a_question_mark(string typed, string sent)
    {
        var sms = SmsText.Of(typed);

        Assert.Equal(SmsCoding.Gsm7, sms.Coding);
        Assert.Equal(sent, sms.Text);
        Assert.DoesNotContain('?', sms.Text);
    }

    [Theory]
    [InlineData(160, 1)]
    [InlineData(161, 2)]
    [InlineData(306, 2)]
    [InlineData(307, 3)]
    public void GSM_7_fits_160_septets_in_one_SMS_and_153_in_each_part_of_a_longer_one(int length, int parts)
    {
        var sms = SmsText.Of(new string('a', length));

        Assert.Equal(length, sms.Length);
        Assert.Equal(parts, sms.Parts);
        Assert.Equal(parts > SmsText.MaxParts, sms.TooLong);
    }

    [Fact]
    public void An_extension_character_such_as_the_euro_sign_takes_two_septets()
    {
        Assert.Equal(1, SmsText.Of(new string('a', 158) + "€").Parts);
        Assert.Equal(161, SmsText.Of(new string('a', 159) + "€").Length);
        Assert.Equal(2, SmsText.Of(new string('a', 159) + "€").Parts);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Another_script_goes_as_typed_in_UCS_2_70_in_one_SMS_67_a_part(int length, int parts)
    {
        var text = "سلام " + new string('a', length - 5);
        var sms = SmsText.Of(text);

        Assert.Equal(SmsCoding.Ucs2, sms.Coding);
        Assert.Equal(text, sms.Text);
        Assert.Equal(length, sms.Length);
        Assert.Equal(parts, sms.Parts);
    }

    [Fact]
    public void An_empty_text_has_no_part()
    {
        Assert.Equal(0, SmsText.Of("").Parts);
    }

    [Fact]
    public void A_text_over_two_parts_is_cut_to_two_and_ends_with_an_ellipsis()
    {
        var sms = SmsText.Of("Motif : " + new string('x', 400)).Shortened(SmsText.MaxParts);

        Assert.Equal(2, sms.Parts);
        Assert.Equal(306, sms.Length);
        Assert.EndsWith("x...", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UCS_2_text_is_cut_to_134_characters()
    {
        var sms = SmsText.Of(new string('ب', 200)).Shortened(SmsText.MaxParts);

        Assert.Equal((SmsCoding.Ucs2, 2, 134), (sms.Coding, sms.Parts, sms.Length));
        Assert.EndsWith("ب…", sms.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_that_fits_is_left_as_it_is()
    {
        var sms = SmsText.Of("Demande FP-2027-000123 déposée.");

        Assert.Same(sms, sms.Shortened(SmsText.MaxParts));
    }
}
