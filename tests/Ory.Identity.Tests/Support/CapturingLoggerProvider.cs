using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ory.Identity.Tests.Support;

/// <summary>Keeps every log line (message and exception text) so tests can search them for secrets.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _texts = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>
    /// Everything a log sink could write: each line, each structured state value and each scope (its text and values).
    /// </summary>
    public IReadOnlyList<string> Texts => [.. _texts];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void KeepValues<TState>(TState state)
    {
        if (state is IEnumerable<KeyValuePair<string, object?>> values)
        {
            foreach (var (key, value) in values)
            {
                _texts.Enqueue($"{key}={value}");
            }
        }
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner._texts.Enqueue($"scope {category} {state}");
            owner.KeepValues(state);
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category} [{eventId.Id}] {formatter(state, exception)} {exception}";
            owner._lines.Enqueue(line);
            owner._texts.Enqueue(line);
            owner.KeepValues(state);
        }
    }
}
