using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace EServices.Tests.Faults;

/// <summary>Keeps every Serilog event of the test host, rendered as the console writes it (same output template).</summary>
public sealed class LogCapture : ILogEventSink
{
    private readonly ConcurrentQueue<string> _lines = new();
    private MessageTemplateTextFormatter? _formatter;

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Set once the host's configuration is known.</summary>
    public void UseTemplate(string template) => _formatter = new MessageTemplateTextFormatter(template, System.Globalization.CultureInfo.InvariantCulture);

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter();
        (_formatter ?? throw new InvalidOperationException("No output template.")).Format(logEvent, text);
        _lines.Enqueue(text.ToString());
    }
}
