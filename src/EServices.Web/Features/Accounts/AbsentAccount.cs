using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>What a sign-in does for an address without an account: checks the password against a hash of no account,
/// made by the portal's own hasher at its own cost, so that the answer takes as long as for a real account.</summary>
public static class AbsentAccount
{
    private static readonly ApplicationUser Nobody = new() { FirstNames = "", LastName = "" };
    private static string? _hash;

    public static void VerifyPassword(IPasswordHasher<ApplicationUser> hasher, string password)
    {
        var hash = _hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(Nobody, hash, password);
    }
}
