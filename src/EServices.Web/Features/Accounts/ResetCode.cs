using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace EServices.Web.Features.Accounts;

/// <summary>A password-reset token as the link carries it: base64url of its UTF-8 bytes, safe in a query string.</summary>
public static class ResetCode
{
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token, or null when the code is missing or was altered beyond decoding.</summary>
    public static string? Decode(string? code)
    {
        try
        {
            return code is null ? null : Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
