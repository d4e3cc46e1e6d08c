using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Extensions;

namespace EServices.Web.Infrastructure.WaitingRoom;

/// <summary>
/// In front of the competition application pages: a visitor with an admission goes on; any other one is admitted while
/// the node has room, or gets the waiting page (its place, a reload every few seconds, no script). The catalogue, the
/// competitions' list, the check page and the results are never held.
/// </summary>
public static class WaitingRoomGate
{
    public const string AdmissionCookie = "es-admission";
    public const string TicketCookie = "es-file";

    /// <summary>A form posted with an admission that lapsed less than this long ago is still taken: nothing typed is lost.</summary>
    private static readonly TimeSpan PostGrace = TimeSpan.FromHours(24);

    public static IApplicationBuilder UseWaitingRoom(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var room = context.RequestServices.GetRequiredService<WaitingRoom>();
        var segments = room.Options.Enabled ? (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries) : [];
        if (!IsApplicationPage(segments))
        {
            await next();
            return;
        }

        var protector = Protector(context);
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var grace = HttpMethods.IsPost(context.Request.Method) ? PostGrace : TimeSpan.Zero;
        var admission = ReadAdmission(context.Request, protector, now, grace);
        var node = admission?.Node ?? room.NodeId;
        var decision = room.Enter(admission?.Id, node, ReadTicket(context.Request, protector, now, room.Options.TicketTimeout));
        var cookies = context.Response.Cookies;
        if (decision.Admitted)
        {
            var expires = (now + room.Options.IdleTimeout).UtcTicks.ToString(CultureInfo.InvariantCulture);
            cookies.Append(AdmissionCookie, protector.Protect($"a|{decision.AdmissionId:N}|{expires}|{node:N}"), Options(context));
            if (context.Request.Cookies.ContainsKey(TicketCookie))
            {
                cookies.Delete(TicketCookie, Options(context));
            }

            await next();
            return;
        }

        var ticket = decision.Ticket!.Value;
        // Signed with when it was last shown: a ticket whose page stopped reloading is a new arrival next time.
        var seen = now.UtcTicks.ToString(CultureInfo.InvariantCulture);
        cookies.Append(TicketCookie, protector.Protect($"t|{ticket.ArrivedTicks.ToString(CultureInfo.InvariantCulture)}|{ticket.Id:N}|{seen}"), Options(context));
        var retry = decision.Position <= room.Options.Capacity ? room.Options.FrontRetryEvery : Spread(room.Options.RetryEvery);
        await WritePageAsync(context, segments, decision.Position, retry);
    });

    /// <summary>A delay between 80 % and 120 % of <paramref name="every"/>. With one delay for all, the reloads that a slow
    /// second bunched together came back together after it, slowed the node again, and so on: in the rush benchmark the
    /// node went from a few hundred waiting pages a second to several hundred more every 15 s, and its pages took seconds.</summary>
    private static TimeSpan Spread(TimeSpan every) => every * (0.8 + (0.4 * Random.Shared.NextDouble()));

    /// <summary>The candidate of this request has left the application pages (« Payer et déposer »): their place frees on the
    /// node that counts it (another node's admission frees there after its idle timeout).</summary>
    public static void Leave(HttpContext context)
    {
        var room = context.RequestServices.GetRequiredService<WaitingRoom>();
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (ReadAdmission(context.Request, Protector(context), now, PostGrace) is { } admission && admission.Node == room.NodeId)
        {
            room.Leave(admission.Id);
        }
    }

    private static IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("EServices.WaitingRoom");

    /// <summary>The candidate's pages: /candidatures/… and /concours/{code}/candidature, however the address is cased.</summary>
    private static bool IsApplicationPage(string[] segments) =>
        segments is [var first, ..] && first.Equals("candidatures", StringComparison.OrdinalIgnoreCase)
            || segments is [var c, _, var apply, ..] && c.Equals("concours", StringComparison.OrdinalIgnoreCase)
                && apply.Equals("candidature", StringComparison.OrdinalIgnoreCase);

    private static (Guid Id, Guid Node)? ReadAdmission(HttpRequest request, IDataProtector protector, DateTimeOffset now, TimeSpan grace) =>
        Read(request, AdmissionCookie, protector) is ["a", var id, var expires, var node]
            && Guid.TryParseExact(id, "N", out var admission)
            && Guid.TryParseExact(node, "N", out var nodeId)
            && IsAfter(expires, now - grace)
            ? (admission, nodeId)
            : null;

    private static Ticket? ReadTicket(HttpRequest request, IDataProtector protector, DateTimeOffset now, TimeSpan timeout) =>
        Read(request, TicketCookie, protector) is ["t", var arrived, var id, var seen]
            && long.TryParse(arrived, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && Guid.TryParseExact(id, "N", out var ticketId)
            && IsAfter(seen, now - timeout)
            ? new Ticket(ticks, ticketId)
            : null;

    /// <summary>Whether the ticks written in a cookie name a moment after <paramref name="moment"/>.</summary>
    private static bool IsAfter(string text, DateTimeOffset moment) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
        && ticks <= DateTimeOffset.MaxValue.UtcTicks
        && new DateTimeOffset(ticks, TimeSpan.Zero) > moment;

    /// <summary>The cookie's fields, or nothing when it is absent, forged or from another key ring.</summary>
    private static string[] Read(HttpRequest request, string name, IDataProtector protector)
    {
        if (request.Cookies[name] is not { Length: > 0 and < 1000 } value)
        {
            return [];
        }

        try
        {
            return protector.Unprotect(value).Split('|');
        }
        catch (CryptographicException)
        {
            return [];
        }
    }

    private static CookieOptions Options(HttpContext context) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
    };

    /// <summary>A page of a few hundred bytes, written without MVC or the database: serving it must stay cheap when the
    /// node is at its busiest. A reload would not post a form again, so a post reloads a page the room also holds: the
    /// button « Postuler » its GET twin (which, once admitted, leads back to the competition's page to press it again),
    /// any other post its application. A waiting candidate never reloads a full page the room does not hold: thousands
    /// of them would otherwise load the node with competition pages every few seconds (measured: bench scenario 10).</summary>
    private static async Task WritePageAsync(HttpContext context, string[] segments, int position, TimeSpan retry)
    {
        var request = context.Request;
        var again = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? UriHelper.BuildRelative(request.PathBase, request.Path, request.QueryString)
            : segments is [var first, var code, ..] && first.Equals("concours", StringComparison.OrdinalIgnoreCase)
                ? $"{request.PathBase}/concours/{Uri.EscapeDataString(code)}/candidature"
                : segments is [_, var id, ..] && Guid.TryParse(id, out var application)
                    ? $"{request.PathBase}/candidatures/{application}"
                    : $"{request.PathBase}/concours";
        var url = HtmlEncoder.Default.Encode(again);
        var seconds = (int)Math.Max(1, retry.TotalSeconds);
        var ahead = position switch
        {
            1 => "Vous entrerez dès qu'une place se libère.",
            2 => "Une personne est devant vous.",
            _ => $"{position - 1} personnes sont devant vous.",
        };
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="refresh" content="{seconds};url={url}">
            <title>File d'attente — EServices</title>
            <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
            <main class="container">
            <h1>Vous êtes dans la file d'attente</h1>
            <p>Beaucoup de candidats s'inscrivent en ce moment. Votre place dans la file : <strong>{position}</strong>. {ahead}</p>
            <p>Cette page se recharge toute seule dans {seconds} secondes et vous laisse entrer dès que c'est votre tour.
            Gardez-la ouverte : si vous la fermez, vous perdez votre place. Ce que vous avez déjà enregistré est conservé.</p>
            <p><a href="{url}">Réessayer maintenant</a> · <a href="/concours">Concours ouverts</a></p>
            </main>
            </body>
            </html>
            """);
    }
}
