using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace EServices.Web.Features.Accounts;

/// <summary>
/// A sign-up waiting for its address to be proved: what the form said, the password already hashed by the portal's
/// hasher (never in clear), where to go afterwards and until when it holds. It travels in the activation link,
/// encrypted and signed by Data Protection, so that nothing is stored before the owner of the address acts: the
/// sign-up page then answers the same for an address with an account and one without.
/// </summary>
public sealed record SignUpTicket(
    string? Email, string FirstNames, string LastName, string? PhoneNumber, string PasswordHash, string? ReturnUrl, DateTimeOffset ExpiresAt)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const string Purpose = "EServices.Accounts.SignUpTicket.v1";

    /// <summary>A sign-up by phone (no e-mail) waits for the code sent by SMS, not for a link: its ticket is protected for
    /// another purpose, so that the activation link's page cannot create it without the code.</summary>
    private const string PhonePurpose = "EServices.Accounts.SignUpTicket.Phone.v1";

    public string Protect(IDataProtectionProvider protection, bool byPhone = false) =>
        protection.CreateProtector(byPhone ? PhonePurpose : Purpose).Protect(JsonSerializer.Serialize(this));

    /// <summary>The ticket, or null when the token was altered, made for another purpose or has expired by the portal's clock.</summary>
    public static SignUpTicket? Read(IDataProtectionProvider protection, string? token, DateTimeOffset now, bool byPhone = false)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 8192)
        {
            return null;
        }

        try
        {
            var ticket = JsonSerializer.Deserialize<SignUpTicket>(protection.CreateProtector(byPhone ? PhonePurpose : Purpose).Unprotect(token));
            return ticket is not null && now < ticket.ExpiresAt ? ticket : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
