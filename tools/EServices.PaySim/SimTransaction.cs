using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EServices.PaySim;

/// <summary>One transaction as CinetPay holds it: what the merchant asked at initialisation, then what the payer did.</summary>
public sealed class SimTransaction
{
    public required string TransactionId { get; init; }
    public required string Token { get; init; }
    public int Amount { get; init; }
    public string Currency { get; init; } = "XOF";
    public string Description { get; init; } = "";
    public string Metadata { get; init; } = "";
    public required string NotifyUrl { get; init; }
    public required string ReturnUrl { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Opaque, sent as the notification's "signature" field (not the x-token).</summary>
    public string Signature { get; init; } = "";

    /// <summary>CREATED, WAITING_FOR_CUSTOMER, ACCEPTED or REFUSED (the check's data.status).</summary>
    public string Status { get; set; } = Statuses.Created;

    /// <summary>The check's code and message: 662 WAITING_CUSTOMER_PAYMENT, 00 SUCCES, 600 PAYMENT_FAILED, 627 TRANSACTION_CANCEL.</summary>
    public string Code { get; set; } = "662";

    public string Message { get; set; } = "WAITING_CUSTOMER_PAYMENT";

    public string? Method { get; set; }
    public string? Phone { get; set; }
    public string? OperatorId { get; set; }
    public DateTimeOffset? PaymentDate { get; set; }

    /// <summary>What was taken, when it differs from <see cref="Amount"/> (the wrong-amount fault).</summary>
    public int? PaidAmount { get; set; }

    public string? PaidCurrency { get; set; }

    /// <summary>Every notification meant for notify_url and what became of it.</summary>
    public List<Delivery> Deliveries { get; init; } = [];

    /// <summary>Notifications kept back by the "hold" fault until released.</summary>
    public List<List<KeyValuePair<string, string>>> Held { get; init; } = [];

    [JsonIgnore]
    public bool IsFinal => Status is Statuses.Accepted or Statuses.Refused;

    [JsonIgnore]
    public string DateText => CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

public static class Statuses
{
    public const string Created = "CREATED";
    public const string Waiting = "WAITING_FOR_CUSTOMER";
    public const string Accepted = "ACCEPTED";
    public const string Refused = "REFUSED";
}

/// <summary>One notification: when, its status text (cpm_error_message), and the answer of notify_url
/// ("200", "dropped", "held", "wrong x-token → 401", "error: …").</summary>
public sealed record Delivery(DateTimeOffset At, string Message, string Outcome);

/// <summary>How a call fails on purpose.</summary>
public enum SimFailure
{
    None,

    /// <summary>HTTP 500 with a non-JSON body.</summary>
    Error,

    /// <summary>The connection is closed without an answer.</summary>
    Close,
}

/// <summary>Faults for tests, globally or for one transaction id (set before or after its initialisation). A null
/// value takes the global one.</summary>
public sealed record SimFaults
{
    public bool? DropNotification { get; init; }
    public bool? DuplicateNotification { get; init; }

    /// <summary>Keeps notifications back until POST /_sim/transactions/{id}/release.</summary>
    public bool? HoldNotification { get; init; }

    public int? NotificationDelayMs { get; init; }
    public bool? WrongToken { get; init; }

    /// <summary>Sends a WAITING_FOR_CUSTOMER notification before the final one, as some operators do.</summary>
    public bool? WaitingFirst { get; init; }

    public SimFailure? Init { get; init; }
    public int? InitDelayMs { get; init; }
    public SimFailure? Check { get; init; }
    public int? CheckDelayMs { get; init; }

    /// <summary>The amount (and currency) actually taken, to test a wrong amount.</summary>
    public int? PayAmount { get; init; }

    public string? PayCurrency { get; init; }

    /// <summary>These faults with the gaps filled from <paramref name="global"/>.</summary>
    public SimFaults Over(SimFaults global)
    {
        var merged = JsonSerializer.SerializeToNode(global)!.AsObject();
        foreach (var (name, value) in JsonSerializer.SerializeToNode(this)!.AsObject().Where(p => p.Value is not null))
        {
            merged[name] = value!.DeepClone();
        }
        return merged.Deserialize<SimFaults>()!;
    }
}
