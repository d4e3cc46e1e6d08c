using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace EServices.Web.Infrastructure.Sms;

/// <summary>How many SMS codes one number and one client address may be sent (section "PhoneCodes"): each costs money and
/// lands on someone's phone.</summary>
public sealed class PhoneCodeLimitsOptions
{
    public const string Section = "PhoneCodes";

    public int PerNumberPerQuarterHour { get; set; } = 3;
    public int PerNumberPerDay { get; set; } = 10;

    /// <summary>Generous: mobile operators put many subscribers behind one address.</summary>
    public int PerAddressPerHour { get; set; } = 20;
}

/// <summary>The 6-digit codes sent by SMS (sign-up, forgotten password, change of number): drawn by
/// RandomNumberGenerator, stored hashed, counted per number and per client address.</summary>
public sealed class PhoneCodes(AppDbContext db, SmsOutbox sms, SecuritySms security, IHttpContextAccessor http, IOptions<PhoneCodeLimitsOptions> limits, TimeProvider clock)
{
    public enum Outcome
    {
        Accepted,
        Wrong,

        /// <summary>Expired, used, its tries spent, or none asked for: a new code must be asked for.</summary>
        Spent,
    }

    public const string WrongCode = "Ce code n'est pas le bon. Vérifiez le SMS reçu et saisissez-le à nouveau.";
    /// <summary>The classes of the transaction advisory locks on a number and on a client address ("ESpn", "ESpa").</summary>
    private const int NumberLock = 0x4553706E, AddressLock = 0x45537061;

    public const string SpentCode = "Ce code n'est plus valable (10 minutes, 5 essais) : demandez un nouveau code.";

    /// <summary>Sends a new code to <paramref name="phone"/>, or — when <paramref name="instead"/> is given — that text and
    /// no code: the row is counted all the same, so that the limits answer alike whoever owns the number. False, and nothing
    /// sent, when a limit is reached.</summary>
    public Task<bool> SendAsync(string phone, PhoneCodePurpose purpose, string? userId, string? instead, CancellationToken ct) =>
        SendAsync(phone, purpose, userId, instead, wording: null, ct);

    /// <param name="wording">The SMS around the code, when it is not the usual « ne le donnez à personne »: a citizen at a
    /// counter reads theirs out to the clerk.</param>
    public async Task<bool> SendAsync(string phone, PhoneCodePurpose purpose, string? userId, string? instead, Func<string, string>? wording, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "?";
        var l = limits.Value;
        // Counted and added under a lock on the number and one on the address, held to the commit: posts in parallel
        // (no sign-in limit on "Renvoyer le code") would otherwise all count the same rows and all send a code.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({NumberLock}, hashtext({phone}))", ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AddressLock}, hashtext({address}))", ct);
        var recent = db.PhoneCodes.Where(c => c.CreatedAt > now.AddDays(-1));
        if (await recent.CountAsync(c => c.Phone == phone && c.CreatedAt > now.AddMinutes(-15), ct) >= l.PerNumberPerQuarterHour
            || await recent.CountAsync(c => c.Phone == phone, ct) >= l.PerNumberPerDay
            || await recent.CountAsync(c => c.ClientAddress == address && c.CreatedAt > now.AddHours(-1), ct) >= l.PerAddressPerHour)
        {
            return false;
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var row = new PhoneCode
        {
            Id = Guid.NewGuid(),
            Phone = phone,
            Purpose = purpose,
            CodeHash = "",
            UserId = userId,
            ClientAddress = address.Length > 64 ? address[..64] : address,
            CreatedAt = now,
            ExpiresAt = now + PhoneCode.Lifetime,
        };
        row.CodeHash = Hash(row, code);
        db.PhoneCodes.Add(row);
        if (instead is null)
        {
            sms.Enqueue(phone, wording?.Invoke(code) ?? $"Votre code E-services : {code}. Valable 10 minutes. Ne le donnez a personne, meme a un agent.", SmsKind.Code);
        }
        else if (instead != "")
        {
            await security.QueueAsync(phone, instead, capped: true, ct); // someone trying the number: anyone can cause it
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Checks <paramref name="typed"/> against the newest code of that purpose for the number (or the account):
    /// every check counts as a try, a code works once.</summary>
    public async Task<(Outcome Outcome, PhoneCode? Code)> CheckAsync(PhoneCodePurpose purpose, string? phone, string? userId, string typed, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var code = await db.PhoneCodes.AsNoTracking()
            .Where(c => c.Purpose == purpose && (phone == null || c.Phone == phone) && (userId == null || c.UserId == userId))
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (code is null || code.UsedAt is not null || code.ExpiresAt <= now)
        {
            return (Outcome.Spent, null);
        }

        // Conditional updates: two posts at once cannot both have the fifth try, nor both use the code.
        var counted = await db.PhoneCodes.Where(c => c.Id == code.Id && c.Tries < PhoneCode.MaxTries && c.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Tries, c => c.Tries + 1), ct);
        if (counted == 0)
        {
            return (Outcome.Spent, null);
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(code.CodeHash), Encoding.ASCII.GetBytes(Hash(code, Digits(typed)))))
        {
            return (code.Tries + 1 >= PhoneCode.MaxTries ? Outcome.Spent : Outcome.Wrong, null);
        }

        var used = await db.PhoneCodes.Where(c => c.Id == code.Id && c.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), ct);
        return used == 1 ? (Outcome.Accepted, code) : (Outcome.Spent, null);
    }

    /// <summary>The code as typed, spaces and dots left out ("123 456").</summary>
    public static string Digits(string? typed) => new((typed ?? "").Where(char.IsAsciiDigit).ToArray());

    /// <summary>True when <paramref name="typed"/> is 6 digits once the separators are left out.</summary>
    public static bool LooksLikeCode(string? typed) =>
        typed is { Length: <= 20 } && typed.All(c => char.IsAsciiDigit(c) || c is ' ' or '.' or '-') && Digits(typed).Length == 6;

    /// <summary>Keyed by the row: the same code gives another hash in another row. A 6-digit code cannot resist a search of
    /// the table; the hash only keeps codes out of backups and logs, and a code dies in 10 minutes anyway.</summary>
    private static string Hash(PhoneCode row, string code) =>
        Convert.ToHexString(HMACSHA256.HashData(row.Id.ToByteArray(), Encoding.ASCII.GetBytes(row.Purpose + ":" + row.Phone + ":" + code)));
}
