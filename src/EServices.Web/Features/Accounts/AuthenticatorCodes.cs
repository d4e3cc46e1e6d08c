using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using EServices.Web.Documents;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>
/// Authenticator codes (RFC 6238: HMAC-SHA1, 30 s, 6 digits), each accepted once. Identity's own provider accepted a code
/// for 90 s either side and as often as it was typed: one code opened two sessions (issue 14). Here a code must belong to
/// a time step later than the last one the account used, and the step is claimed by one conditional UPDATE, so that of
/// two nodes receiving the same code at the same instant exactly one succeeds.
/// </summary>
public sealed class AuthenticatorCodes(AppDbContext db)
{
    private const int Step = 30;

    /// <summary>Phones' clocks drift: the steps just before and just after now are accepted too, never more.</summary>
    private const int Skew = 1;

    /// <summary>True when <paramref name="code"/> is the code of <paramref name="base32Key"/> for a time step near now that is later
    /// than the last one the account used; that step is then the account's last one.</summary>
    public async Task<bool> AcceptAsync(ApplicationUser user, string? base32Key, string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(base32Key) || Base32.Decode(base32Key.ToUpperInvariant()) is not { } key
            || code is not { Length: 6 } || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        // Real time, as the phone's app reads it (the portal's clock is moved in tests, authenticator apps are not).
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / Step;
        for (var step = now - Skew; step <= now + Skew; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(code))
                && await ClaimAsync(user.Id, step, ct))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Records <paramref name="step"/> as the account's last one, unless it already used this step or a later one.
    /// Not read-then-write: the database compares and sets in one statement.</summary>
    private async Task<bool> ClaimAsync(string userId, long step, CancellationToken ct) =>
        await db.Users
            .Where(u => u.Id == userId && (u.AuthenticatorLastTimeStep == null || u.AuthenticatorLastTimeStep < step))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.AuthenticatorLastTimeStep, step), ct) == 1;

    private static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = (BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(offset)) & 0x7FFFFFFF) % 1_000_000;
        return value.ToString("D6", CultureInfo.InvariantCulture);
    }
}

/// <summary>Identity's authenticator provider, replaced so that sign-in (<see cref="SignInManager{TUser}.TwoFactorAuthenticatorSignInAsync"/>)
/// and every <see cref="UserManager{TUser}.VerifyTwoFactorTokenAsync"/> accept a code once.</summary>
public sealed class OneTimeAuthenticatorTokenProvider(AuthenticatorCodes codes) : IUserTwoFactorTokenProvider<ApplicationUser>
{
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<ApplicationUser> manager, ApplicationUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>The code comes from the user's app, never from the portal.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<ApplicationUser> manager, ApplicationUser user) => Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<ApplicationUser> manager, ApplicationUser user) =>
        await codes.AcceptAsync(user, await manager.GetAuthenticatorKeyAsync(user), token);
}
