using System.Globalization;

namespace EServices.PaySim;

/// <summary>
/// The simulator's own controls, for tests and the person testing (JSON, under /_sim; CinetPay has nothing like them):
/// faults, settling without a browser, re-sending or releasing notifications, and its list of transactions — the
/// "provider's own list" beside which the daily reconciliation report is read.
/// </summary>
public static class ControlApi
{
    /// <summary>A body of POST /_sim/transactions/{id}/settle: outcome paid|failed|abandoned|slow, method OM|MOOV.</summary>
    public sealed record SettleOrder(Outcome Outcome, string Method = "OM", string? Phone = "70123456");

    public static void Map(IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/transactions", (string? date, SimStore store) =>
        {
            if (date is null)
            {
                return Results.Ok(store.All);
            }
            return DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                ? Results.Ok(store.All.Where(t => DateOnly.FromDateTime(t.CreatedAt.UtcDateTime) == day))
                : Results.BadRequest(new { error = "date: yyyy-MM-dd" });
        });
        sim.MapDelete("/transactions", (SimStore store) =>
        {
            store.Clear();
            return Results.NoContent();
        });
        sim.MapGet("/transactions/{id}", (string id, SimStore store) => store.Find(id) is { } tx ? Results.Ok(tx) : Results.NotFound());
        sim.MapPost("/transactions/{id}/settle", async (string id, SettleOrder order, SimStore store, Settlement settlement) =>
            store.Find(id) is not { } tx ? Results.NotFound()
            : await settlement.SettleAsync(tx, order.Outcome, order.Method, order.Phone) ? Results.Ok(tx)
            : Results.Conflict(tx));
        sim.MapPost("/transactions/{id}/notify", async (string id, SimStore store, Notifier notifier) =>
            store.Find(id) is { } tx ? Results.Ok(new { outcome = await notifier.ResendAsync(tx) }) : Results.NotFound());
        sim.MapPost("/transactions/{id}/release", async (string id, SimStore store, Notifier notifier) =>
        {
            if (store.Find(id) is not { } tx)
            {
                return Results.NotFound();
            }
            await notifier.ReleaseAsync(tx);
            return Results.Ok(tx);
        });
        sim.MapPut("/transactions/{id}/faults", (string id, SimFaults faults, SimStore store) =>
        {
            store.SetFaults(id, faults);
            return Results.NoContent();
        });
        sim.MapGet("/faults", (SimStore store) => Results.Ok(store.GlobalFaults));
        sim.MapPut("/faults", (SimFaults faults, SimStore store) =>
        {
            store.GlobalFaults = faults;
            return Results.NoContent();
        });
        sim.MapDelete("/faults", (SimStore store) =>
        {
            store.GlobalFaults = new SimFaults();
            return Results.NoContent();
        });
    }
}
