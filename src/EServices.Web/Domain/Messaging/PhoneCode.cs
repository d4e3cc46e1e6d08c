namespace EServices.Web.Domain.Messaging;

/// <summary>
/// A 6-digit code sent by SMS to prove a phone number is the applicant's: at sign-up, to reset a password, to change
/// one's number. Only its hash is kept; it holds 10 minutes and 5 tries, after which a new code must be asked for.
/// The rows also count the codes sent per number and per client address (the sending limits).
/// </summary>
public sealed class PhoneCode
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    public const int MaxTries = 5;

    public Guid Id { get; set; }

    /// <summary>The number as the portal writes it (FieldRules.TryPhone): +226 70 12 34 56.</summary>
    public required string Phone { get; set; }

    public PhoneCodePurpose Purpose { get; set; }
    public required string CodeHash { get; set; }

    /// <summary>The account it is for (reset, change of number); null at sign-up, where no account exists yet.</summary>
    public string? UserId { get; set; }

    /// <summary>The client address that asked for it, for the per-address limit.</summary>
    public required string ClientAddress { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public int Tries { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}

public enum PhoneCodePurpose
{
    SignUp,
    PasswordReset,
    PhoneChange,

    /// <summary>A citizen confirms the request a clerk filed for them at a counter.</summary>
    CounterFiling,
}
