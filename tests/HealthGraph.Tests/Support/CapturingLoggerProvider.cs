using Microsoft.Extensions.Logging;

namespace HealthGraph.Tests.Support;

/// <summary>Keeps every log line the host writes, with its level and category, for tests about what is logged and how.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyCollection<LogEntry> Entries => _entries;

    /// <summary>Every line as "category: message exception".</summary>
    public IReadOnlyCollection<string> Messages => [.. _entries.Select(e => $"{e.Category}: {e.Message} {e.Exception}")];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
    }
}

/// <summary>One log line: its level, its category (the logging type's full name), its text and its exception.</summary>
public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);
