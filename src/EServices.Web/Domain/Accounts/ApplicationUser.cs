using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Domain.Accounts;

public sealed class ApplicationUser : IdentityUser
{
    public required string FirstNames { get; set; }
    public required string LastName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set when an administrator deactivates the account: it can no longer sign in; its history stays.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>The RFC 6238 time step of the last authenticator code accepted: a code of this step or an earlier one is refused
    /// (AuthenticatorCodes).</summary>
    public long? AuthenticatorLastTimeStep { get; set; }

    /// <summary>How the applicant is told of their requests; only channels they have (a confirmed number, an address) are used.</summary>
    public NoticeChannels Notices { get; set; } = NoticeChannels.Email;

    /// <summary>The identity card's number, seen by a clerk at a counter (never typed online: a CNIB number is printed on
    /// many papers, so it names an account but never opens one).</summary>
    public string? Cnib { get; set; }

    public string FullName => $"{FirstNames} {LastName.ToUpperInvariant()}";
}
