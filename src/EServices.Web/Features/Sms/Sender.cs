namespace EServices.Web.Features.Sms;

/// <summary>The sender of an incoming SMS as operators pass it on (+22670123456, 0022670123456, 22670123456, or the
/// 8 national digits), in one form: E.164 without spaces when it is a Burkinabè number, else as received.</summary>
public static class Sender
{
    public static string Normalised(string? from)
    {
        var given = (from ?? "").Trim();
        var digits = given.Replace(" ", "", StringComparison.Ordinal);
        if (digits.Length == 11 && digits.StartsWith("226", StringComparison.Ordinal))
        {
            digits = "+" + digits;
        }

        return FieldRules.TryPhone(digits, out var canonical) ? FieldRules.E164(canonical) : given;
    }
}
