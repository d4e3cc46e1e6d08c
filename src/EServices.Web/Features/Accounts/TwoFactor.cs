using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace EServices.Web.Features.Accounts;

/// <summary>Staff sign in with an authenticator app (TOTP, RFC 6238) as second factor.</summary>
public static class TwoFactor
{
    /// <summary>Identity marks a sign-in that used a second factor with the claim amr = mfa.</summary>
    public const string Claim = "amr";

    public const string Used = "mfa";

    /// <summary>When the second factor was last checked (Unix seconds): sensitive actions ask for it again after 15 minutes.</summary>
    public const string VerifiedAtClaim = "mfa_time";

    public const string Issuer = "E-services MFPTPS";

    /// <summary>The shared key in groups of four, easier to type into an app by hand.</summary>
    public static string Readable(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return builder.ToString().TrimEnd().ToLower(CultureInfo.InvariantCulture);
    }

    public static string OtpAuthUri(string email, string key) =>
        $"otpauth://totp/{UrlEncoder.Default.Encode(Issuer)}:{UrlEncoder.Default.Encode(email)}?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits=6";
}
