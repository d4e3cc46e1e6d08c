using System.Security.Cryptography;
using System.Text;
using EServices.Web.Payments.CinetPay;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EServices.Tests.Payments;

/// <summary>The notification's x-token, checked against the recipe of docs.cinetpay.com (checkout/hmac), written out here
/// on its own rather than borrowed from the simulator.</summary>
public sealed class CinetPayNotificationTests
{
    private const string Secret = "secret-key-of-the-merchant-0042";

    private static readonly (string Name, string Value)[] Sample =
    [
        ("cpm_site_id", "445566"), ("cpm_trans_id", "BF2703261234ABCD"), ("cpm_trans_date", "2027-03-26 10:00:00"), ("cpm_amount", "5000"),
        ("cpm_currency", "XOF"), ("signature", "a1b2c3"), ("payment_method", "OM"), ("cel_phone_num", "70123456"), ("cpm_phone_prefixe", "226"),
        ("cpm_language", "fr"), ("cpm_version", "V4"), ("cpm_payment_config", "Single"), ("cpm_page_action", "Payment"),
        ("cpm_custom", "BF2703261234ABCD"), ("cpm_designation", "Concours : frais d'inscription, épreuve écrite"), ("cpm_error_message", "SUCCES"),
    ];

    private static string Sign(IEnumerable<(string Name, string Value)> fields, string secret = Secret) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(string.Concat(fields.Select(f => f.Value))))).ToLowerInvariant();

    private static FormCollection Form(IEnumerable<(string Name, string Value)> fields) =>
        new(fields.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => new StringValues(g.Select(f => f.Value).ToArray())));

    [Fact]
    public void A_signed_notification_gives_its_transaction_id() =>
        Assert.Equal("BF2703261234ABCD", CinetPayNotification.TransactionId(Form(Sample), Sign(Sample), Secret));

    [Fact]
    public void Upper_case_hex_is_accepted_too() =>
        Assert.Equal("BF2703261234ABCD", CinetPayNotification.TransactionId(Form(Sample), Sign(Sample).ToUpperInvariant(), Secret));

    [Fact]
    public void A_token_made_with_another_key_is_refused() =>
        Assert.Null(CinetPayNotification.TransactionId(Form(Sample), Sign(Sample, "another-secret-key-000000000"), Secret));

    [Theory]
    [InlineData("cpm_amount", "500")]
    [InlineData("cpm_trans_id", "BF2703261234ABCE")]
    [InlineData("cpm_error_message", "")]
    [InlineData("cpm_designation", "Concours : frais d'inscription, epreuve ecrite")]
    public void One_changed_field_is_refused(string name, string value)
    {
        var changed = Sample.Select(f => f.Name == name ? (name, value) : f);
        Assert.Null(CinetPayNotification.TransactionId(Form(changed), Sign(Sample), Secret));
    }

    [Fact]
    public void A_missing_field_counts_as_empty()
    {
        // Signed with an empty cpm_error_message, then sent without it: as some versions of CinetPay's page do.
        var signed = Sample.Select(f => f.Name == "cpm_error_message" ? (f.Name, "") : f).ToArray();
        var sent = Sample.Where(f => f.Name != "cpm_error_message");
        Assert.Equal("BF2703261234ABCD", CinetPayNotification.TransactionId(Form(sent), Sign(signed), Secret));
        // A field that was signed with a value and is missing is a changed field.
        Assert.Null(CinetPayNotification.TransactionId(Form(Sample.Where(f => f.Name != "cpm_custom")), Sign(Sample), Secret));
    }

    [Fact]
    public void A_field_given_twice_is_refused_even_when_the_token_matches_the_joined_values()
    {
        var doubled = Sample.Append(("cpm_amount", "100")).ToArray();
        var asJoined = Sample.Select(f => f.Name == "cpm_amount" ? (f.Name, "5000,100") : f);
        Assert.Null(CinetPayNotification.TransactionId(Form(doubled), Sign(asJoined), Secret));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex-at-all")]
    [InlineData("zz00000000000000000000000000000000000000000000000000000000000000")]
    public void An_empty_or_malformed_header_is_refused(string? token) =>
        Assert.Null(CinetPayNotification.TransactionId(Form(Sample), token, Secret));

    [Fact]
    public void No_secret_key_verifies_nothing() =>
        Assert.Null(CinetPayNotification.TransactionId(Form(Sample), Sign(Sample, ""), ""));

    [Fact]
    public void A_truncated_token_is_refused() =>
        Assert.Null(CinetPayNotification.TransactionId(Form(Sample), Sign(Sample)[..62], Secret));
}
