using System.Security.Cryptography;
using System.Text;

namespace EServices.Web.Payments.CinetPay;

/// <summary>
/// CinetPay's notification to notify_url (docs.cinetpay.com, checkout/hmac): a form whose 16 fields, put end to end in
/// this order, are signed by the header x-token = HMAC-SHA256 keyed by the merchant's secret key, in hex. A valid token
/// only says "ask about this transaction": the status is taken from the check, never from the form.
/// </summary>
public static class CinetPayNotification
{
    public const string TokenHeader = "x-token";

    public static readonly IReadOnlyList<string> Fields =
    [
        "cpm_site_id", "cpm_trans_id", "cpm_trans_date", "cpm_amount", "cpm_currency", "signature", "payment_method",
        "cel_phone_num", "cpm_phone_prefixe", "cpm_language", "cpm_version", "cpm_payment_config", "cpm_page_action",
        "cpm_custom", "cpm_designation", "cpm_error_message",
    ];

    /// <summary>The transaction id of a genuine notification, or null: bad or missing token, a field given twice, no id.
    /// A missing field counts as empty (some versions of the page leave cpm_error_message out, but sign it).</summary>
    public static string? TransactionId(IFormCollection form, string? xToken, string secretKey)
    {
        if (string.IsNullOrEmpty(secretKey) || xToken is not { Length: 64 } || Fields.Any(f => form[f].Count > 1))
        {
            return null;
        }
        byte[] received;
        try
        {
            received = Convert.FromHexString(xToken); // either case
        }
        catch (FormatException)
        {
            return null;
        }
        var signed = string.Concat(Fields.Select(f => form[f].ToString()));
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(signed));
        return CryptographicOperations.FixedTimeEquals(received, expected) && form["cpm_trans_id"].ToString() is { Length: > 0 } id ? id : null;
    }
}
