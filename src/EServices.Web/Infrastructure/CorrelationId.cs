using System.Diagnostics;
using Serilog.Core;
using Serilog.Events;

namespace EServices.Web.Infrastructure;

/// <summary>
/// A short id for one request, shown on the error page and written on every log line of that request, so that
/// support finds the log of a problem a user reports. It is the start of the W3C trace id: twelve hex digits are
/// easy to read out on the phone and do not repeat in practice over a log's retention.
/// </summary>
public sealed class CorrelationId : ILogEventEnricher
{
    public const string Property = "CorrelationId";

    public static string? Current => Activity.Current is { } activity ? activity.TraceId.ToHexString()[..12] : null;

    public static string For(HttpContext context) => Current ?? context.TraceIdentifier;

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (Current is { } id)
        {
            logEvent.AddPropertyIfAbsent(propertyFactory.CreateProperty(Property, id));
        }
    }
}
