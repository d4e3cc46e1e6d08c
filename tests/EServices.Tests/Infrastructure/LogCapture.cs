using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace EServices.Tests.Infrastructure;

/// <summary>Every log event the portal writes, as the console would print it with its properties: the app's Serilog
/// pipeline picks up sinks registered in its services, with the levels of its real configuration.</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private MessageTemplateTextFormatter? _formatter;

    /// <summary>Renders the lines with the console's own output template instead (set once the host's configuration is
    /// known), to see exactly what the console shows.</summary>
    public void UseTemplate(string template) => _formatter = new MessageTemplateTextFormatter(template, System.Globalization.CultureInfo.InvariantCulture);

    public void Emit(LogEvent logEvent)
    {
        using var writer = new StringWriter();
        if (_formatter is not null)
        {
            _formatter.Format(logEvent, writer);
        }
        else
        {
            logEvent.RenderMessage(writer, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (name, value) in logEvent.Properties)
            {
                writer.Write($" {name}={value}");
            }

            writer.Write(logEvent.Exception);
        }

        _lines.Enqueue(writer.ToString());
        if (logEvent.Level >= LogEventLevel.Error)
        {
            _errors.Enqueue(writer.ToString());
        }
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The lines written at Error level or above: what wakes up whoever watches the portal.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];
}
