using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pipeline.Connect.Runtime.Rest;

/// <summary>
/// The worker's log levels by logger name, what <c>/admin/loggers</c> reads and changes. Names are
/// dotted namespaces (a logging category here, a Java package in Kafka); a level set on a name
/// applies to that name and every name below it, and a name without its own level takes its nearest
/// ancestor's, then the root's. <see cref="IsEnabled"/> is the filter the process's logger factory
/// asks on every log call: it reads a per-category cache and takes no lock; writers rebuild the cache.
/// </summary>
public sealed class LoggerLevels
{
    public const string Root = "root";

    private static readonly string[] Names = ["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL", "OFF", "ALL"];

    private readonly Lock _gate = new();

    // Explicitly set levels (Kafka: loggers with a non-null level), guarded by _gate.
    private readonly Dictionary<string, (string Level, long? Modified)> _explicit = new(StringComparer.Ordinal);

    // Every category the process has logged under; effective level per category, rebuilt on writes.
    private readonly ConcurrentDictionary<string, LogLevel> _effective = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public LoggerLevels(string rootLevel = "INFO", TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _explicit[Root] = (Normalize(rootLevel) ?? throw new ArgumentException($"invalid log level '{rootLevel}'", nameof(rootLevel)), null);
    }

    /// <summary>The log4j level name (upper case) for a case-insensitive name, or null when it is not one.</summary>
    public static string? Normalize(string? level)
    {
        if (level is null)
        {
            return null;
        }

        foreach (var name in Names)
        {
            if (string.Equals(name, level.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The .NET level a log4j level name lets through (FATAL = Critical, OFF = None, ALL = Trace).</summary>
    public static LogLevel ToLogLevel(string level) => level switch
    {
        "TRACE" or "ALL" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" => LogLevel.Information,
        "WARN" => LogLevel.Warning,
        "ERROR" => LogLevel.Error,
        "FATAL" => LogLevel.Critical,
        _ => LogLevel.None,
    };

    /// <summary>The filter for <c>ILoggingBuilder.AddFilter</c>: whether <paramref name="category"/> logs at <paramref name="level"/>.</summary>
    public bool IsEnabled(string? category, LogLevel level)
    {
        var name = string.IsNullOrEmpty(category) ? Root : category;
        if (!_effective.TryGetValue(name, out var min))
        {
            lock (_gate)
            {
                min = ToLogLevel(EffectiveLocked(name).Level);
                _effective[name] = min;
            }
        }

        return level != LogLevel.None && level >= min;
    }

    /// <summary>Every logger with a level of its own, and the root: <c>GET /admin/loggers</c>.</summary>
    public IReadOnlyDictionary<string, LoggerLevel> All()
    {
        lock (_gate)
        {
            var all = new SortedDictionary<string, LoggerLevel>(StringComparer.Ordinal);
            foreach (var (name, (level, modified)) in _explicit)
            {
                all[name] = new LoggerLevel(level, modified);
            }

            return all;
        }
    }

    /// <summary>A known logger's effective level, or null when no such logger exists: <c>GET /admin/loggers/{name}</c>.</summary>
    public LoggerLevel? Get(string name)
    {
        lock (_gate)
        {
            if (!_explicit.ContainsKey(name) && !_effective.ContainsKey(name))
            {
                return null;
            }

            // The level is the effective one; last_modified is this logger's own (null when inherited).
            var (level, _) = EffectiveLocked(name);
            return new LoggerLevel(level, _explicit.TryGetValue(name, out var own) ? own.Modified : null);
        }
    }

    /// <summary>
    /// Sets <paramref name="level"/> (already validated with <see cref="Normalize"/>) on
    /// <paramref name="name"/> and every known logger below it (every logger for the root) and
    /// returns their names, sorted: <c>PUT /admin/loggers/{name}</c>.
    /// </summary>
    public IReadOnlyList<string> Set(string name, string level)
    {
        var normalized = Normalize(level) ?? throw new ArgumentException($"invalid log level '{level}'", nameof(level));
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            var affected = new SortedSet<string>(StringComparer.Ordinal) { name };
            foreach (var known in _explicit.Keys.Concat(_effective.Keys))
            {
                if (name == Root || known.StartsWith(name + ".", StringComparison.Ordinal))
                {
                    affected.Add(known);
                }
            }

            foreach (var logger in affected)
            {
                _explicit[logger] = (normalized, now);
            }

            foreach (var category in _effective.Keys)
            {
                _effective[category] = ToLogLevel(EffectiveLocked(category).Level);
            }

            return [.. affected];
        }
    }

    private (string Level, long? Modified) EffectiveLocked(string name)
    {
        for (var n = name; ; n = n[..n.LastIndexOf('.')])
        {
            if (_explicit.TryGetValue(n, out var own))
            {
                return own;
            }

            if (!n.Contains('.'))
            {
                return _explicit[Root];
            }
        }
    }
}
