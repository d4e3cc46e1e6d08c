using System.Text.Json;

namespace EServices.Web.Domain.Payments;

/// <summary>How a procedure's fee is set. Today's procedures are free (<see cref="None"/>): their catalogue cost is paid
/// elsewhere and only shown.</summary>
public enum FeeKind
{
    None,

    /// <summary>One amount, <see cref="Procedure.FeeXof"/>, paid online before the request is filed.</summary>
    Fixed,

    /// <summary>An amount per choice of one choice field of the form (<see cref="Procedure.FeeFieldKey"/>).</summary>
    PerChoice,
}

/// <summary>The fee of one request, from its procedure's settings and its answers.</summary>
public static class Fees
{
    /// <summary>The whole francs a request must pay before it is filed: 0 for a free procedure (or a free choice), null
    /// when the answer that sets the fee has no amount (the settings no longer match the form).</summary>
    public static int? For(Procedure procedure, FormAnswers answers) => procedure.FeeKind switch
    {
        FeeKind.None => 0,
        FeeKind.Fixed => procedure.FeeXof,
        FeeKind.PerChoice => procedure.FeeFieldKey is { } key && answers.Get(key) is { } choice
            && ByChoice(procedure.FeeByChoice).TryGetValue(choice, out var amount) ? amount : null,
    };

    /// <summary>The amounts per choice, read from the procedure's jsonb column.</summary>
    public static IReadOnlyDictionary<string, int> ByChoice(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(string.IsNullOrWhiteSpace(json) ? "{}" : json) ?? [];

    public static string ToJson(IReadOnlyDictionary<string, int> amounts) => JsonSerializer.Serialize(amounts);

    /// <summary>The largest fee of any procedure or competition, in francs.</summary>
    public const int Largest = 10_000_000;

    /// <summary>What the mobile money providers take: whole francs, a multiple of 5, at least 100 (CinetPay's rule).</summary>
    public static bool IsPayableOnline(int amount) => amount >= 100 && amount % 5 == 0;
}
