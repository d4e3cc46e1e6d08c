using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace EServices.Web.Infrastructure.Sms;

/// <summary>
/// How the portal knows that a call to /sms/dlr or /sms/incoming comes from its gateway. A delivery-report address
/// carries the HMAC of its outbox id (Kannel copies the address it was given, so the secret itself never travels nor
/// lands in smsbox's logs); incoming messages come with the sms-service's Basic credentials kannel:&lt;secret&gt;.
/// Without a secret configured, nothing is accepted.
/// </summary>
public static class SmsCallbacks
{
    public const string UserName = "kannel";

    public static string Sign(string secret, long outboxId) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(outboxId.ToString(CultureInfo.InvariantCulture))))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool IsSigned(string? secret, long outboxId, string? signature) =>
        !string.IsNullOrEmpty(secret) && signature is not null && SameBytes(Sign(secret, outboxId), signature);

    /// <summary>True when <paramref name="authorization"/> is the Basic header of kannel:&lt;secret&gt;.</summary>
    public static bool IsGateway(string? secret, string? authorization) =>
        !string.IsNullOrEmpty(secret) && authorization is not null
        && SameBytes("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{secret}")), authorization);

    private static bool SameBytes(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
