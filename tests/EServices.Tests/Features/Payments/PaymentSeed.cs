using EServices.Tests.Features.Dashboard;
using EServices.Tests.Infrastructure;

namespace EServices.Tests.Features.Payments;

/// <summary>A service of its own (<see cref="DashboardSeed"/>: its procedure, its applicant Awa Ouédraogo) with drafts
/// awaiting payment and payments written straight in SQL, as the ledger leaves them.</summary>
public sealed class PaymentSeed(HostFixture host, DashboardSeed service)
{
    public DashboardSeed Service => service;

    public static async Task<PaymentSeed> CreateAsync(HostFixture host) => new(host, await DashboardSeed.CreateAsync(host));

    /// <summary>A draft of the service's procedure waiting for <paramref name="fee"/>; returns its id and payment code.</summary>
    public async Task<(Guid Id, string Code)> AwaitingAsync(int fee)
    {
        var code = "P-" + new string([.. Guid.NewGuid().ToString("N").ToUpperInvariant().Where(c => c is not ('0' or '1' or 'O' or 'I')).Take(8)]);
        var id = (Guid)(await host.ScalarAsync(
            """
            INSERT INTO requests (id, procedure_id, form_version_id, applicant_id, status, answers, completed_steps, created_at, updated_at,
                                  correction_fields, paused_working_days, is_test, fee_due, awaiting_payment_since, payment_code)
            VALUES (gen_random_uuid(), @procedure, (SELECT min(id) FROM form_versions), (SELECT id FROM "AspNetUsers" WHERE email = @email),
                    'Draft', '{}', 1, @now, @now, '{}', 0, false, @fee, @now, @code)
            RETURNING id
            """,
            ("procedure", service.ProcedureId), ("now", HostFixture.Now), ("fee", fee), ("code", code), ("email", $"stat-{service.ServiceCode[2..]}@exemple.bf")))!;
        return (id, code);
    }

    /// <summary>One attempt; returns its transaction id.</summary>
    public async Task<string> PaymentAsync(
        Guid? requestId, int amount, string status, DateTimeOffset at, string flag = "None", int? paid = null, string provider = "cinetpay",
        string? reference = null, string? method = "OM", DateTimeOffset? refunded = null)
    {
        var transaction = "ES" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        await host.ScalarAsync(
            """
            INSERT INTO payments (id, transaction_id, provider, request_id, service_id, procedure_id, amount, status, flag, paid_amount, paid_currency,
                                  method, reference, paid_at, last_answer, created_at, updated_at, checks, check_until, refunded_at, refund_note)
            VALUES (gen_random_uuid(), @t, @provider, @request::uuid, @service, @procedure, @amount, @status, @flag, @paid::int, CASE WHEN @status = 'Paid' THEN 'XOF' END,
                    CASE WHEN @status = 'Paid' THEN @method::text END, @reference::text, CASE WHEN @status = 'Paid' THEN @at END, 'test', @at, @at, 1, @at + interval '2 days',
                    @refunded::timestamptz, CASE WHEN @refunded::timestamptz IS NOT NULL THEN 'Remboursé par CinetPay' END)
            """,
            ("t", transaction), ("provider", provider), ("request", (object?)requestId ?? DBNull.Value), ("service", service.ServiceId),
            ("procedure", service.ProcedureId), ("amount", amount), ("status", status), ("flag", flag),
            ("paid", (object?)(paid ?? (status == "Paid" ? amount : null)) ?? DBNull.Value), ("method", (object?)method ?? DBNull.Value),
            ("reference", (object?)reference ?? DBNull.Value), ("at", at), ("refunded", (object?)refunded ?? DBNull.Value));
        return transaction;
    }
}
