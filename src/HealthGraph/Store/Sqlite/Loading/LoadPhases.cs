using System.Diagnostics;

namespace HealthGraph.Store.Sqlite.Loading;

/// <summary>
/// How long each phase of a load took: phases on the load's thread are marked as they end; work on another thread is
/// timed alone. Each phase's name ends with the process's CPU time over it, since on a busy machine wall time says little.
/// </summary>
internal sealed class LoadPhases
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();
    private readonly List<(string Phase, TimeSpan Elapsed)> _phases = [];
    private TimeSpan _last;
    private TimeSpan _lastCpu = Cpu();

    public IReadOnlyList<(string Phase, TimeSpan Elapsed)> All
    {
        get
        {
            lock (_phases)
            {
                return [.. _phases];
            }
        }
    }

    /// <summary>Records the time since the previous mark (or the start) as <paramref name="phase"/>.</summary>
    public void Mark(string phase)
    {
        var (now, cpu) = (_stopwatch.Elapsed, Cpu());
        Add($"{phase} (CPU {(cpu - _lastCpu).TotalMilliseconds:F0} ms, heap {GC.GetTotalMemory(false) >> 20} MB, sqlite {SQLitePCL.raw.sqlite3_memory_used() >> 20} MB (high {SQLitePCL.raw.sqlite3_memory_highwater(1) >> 20}), resident {Environment.WorkingSet >> 20} MB)", now - _last);
        (_last, _lastCpu) = (now, cpu);
    }

    /// <summary>Runs <paramref name="work"/> (on whatever thread calls this) and records how long it took.</summary>
    public T Time<T>(string phase, Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        var result = work();
        Add(phase, Stopwatch.GetElapsedTime(start));
        return result;
    }

    /// <summary>Records <paramref name="elapsed"/>, timed by the caller (work spread over a thread's life), as <paramref name="phase"/>.</summary>
    public void Record(string phase, TimeSpan elapsed) => Add(phase, elapsed);

    private void Add(string phase, TimeSpan elapsed)
    {
        lock (_phases)
        {
            _phases.Add((phase, elapsed));
        }
    }

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
