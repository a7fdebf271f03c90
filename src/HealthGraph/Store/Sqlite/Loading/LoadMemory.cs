namespace HealthGraph.Store.Sqlite.Loading;

/// <summary>
/// A bulk load's memory between its phases: a phase that lets go of hundreds of MB (a million deliverables' parts, the
/// aggregates' graph, their rows) gives it back to the system before the next one allocates, instead of leaving it to
/// the collector, which kept 300 MB more than was live (BENCHMARKS.md, the 1,000,000 seed).
/// </summary>
internal static class LoadMemory
{
    /// <summary>A full, blocking, compacting collection (large objects too) that returns the free memory it can.</summary>
    public static void GiveBack() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
