using System.Runtime.CompilerServices;
using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>
/// Every pair of agencies that shares anything, by agency A then B, read a few agencies at a time: each sharing
/// agency's pairs (<see cref="IGraphStore.GetSharingAgenciesAsync"/>) with the agencies after it (<see cref="IGraphStore.GetPartnerOverlapsOfAsync"/>), so that a page of pairs or the
/// whole list as a stream never holds more than a few agencies' pairs. The first read takes one agency, each next one
/// twice as many up to <see cref="MaxAgenciesAtOnce"/>: a page usually fills from its first agency's pairs, and a long
/// read does not pay a store round trip per agency.
/// </summary>
public static class PartnerOverlapPages
{
    /// <summary>The most agencies whose pairs are read at once.</summary>
    public const int MaxAgenciesAtOnce = 8;

    /// <summary>
    /// The pairs after <paramref name="after"/> (agency A, agency B; from the start when null), by A then B, a chunk at a
    /// time; with <paramref name="dimension"/>, only the pairs that share something in it, and only that dimension.
    /// </summary>
    public static async IAsyncEnumerable<IReadOnlyList<PartnerOverlap>> AllAsync(
        IGraphStore store, Basis? basis, OverlapDimension? dimension, (string A, string B)? after,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (after is { } cursor)
        {
            var rest = (await FromAsync(store, [cursor.A], basis, dimension, cancellationToken))
                .Where(p => string.CompareOrdinal(p.AgencyB, cursor.B) > 0)
                .ToList();
            if (rest.Count > 0)
            {
                yield return rest;
            }
        }

        // Only the agencies that share something are in a pair.
        var sharing = await store.GetSharingAgenciesAsync(basis, dimension, cancellationToken);
        var next = after is { } from ? sharing.Count(id => string.CompareOrdinal(id, from.A) <= 0) : 0;
        for (var chunkSize = 1; next < sharing.Count; chunkSize = Math.Min(chunkSize * 2, MaxAgenciesAtOnce))
        {
            var chunk = sharing.Skip(next).Take(chunkSize).ToList();
            next += chunk.Count;
            yield return await FromAsync(store, chunk, basis, dimension, cancellationToken);
        }
    }

    /// <summary>The first <paramref name="first"/> pairs after <paramref name="after"/>, and whether more come after them.</summary>
    public static async Task<(IReadOnlyList<PartnerOverlap> Pairs, bool HasNextPage)> PageAsync(
        IGraphStore store, Basis? basis, OverlapDimension? dimension, (string A, string B)? after, int first, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var page = new List<PartnerOverlap>();
        await foreach (var pairs in AllAsync(store, basis, dimension, after, cancellationToken))
        {
            page.AddRange(pairs);
            if (page.Count > first)
            {
                break;
            }
        }

        return (page.Take(first).ToList(), page.Count > first);
    }

    /// <summary>How many pairs share anything: every pair is read (a chunk at a time), so this costs as much as reading them all.</summary>
    public static async Task<long> CountAsync(IGraphStore store, Basis? basis, OverlapDimension? dimension, CancellationToken cancellationToken)
    {
        var count = 0L;
        await foreach (var pairs in AllAsync(store, basis, dimension, null, cancellationToken))
        {
            count += pairs.Count;
        }

        return count;
    }

    /// <summary>The pairs whose agency A is one of <paramref name="agencies"/>, by A then B.</summary>
    private static async Task<IReadOnlyList<PartnerOverlap>> FromAsync(
        IGraphStore store, IReadOnlyCollection<string> agencies, Basis? basis, OverlapDimension? dimension, CancellationToken cancellationToken)
    {
        var chosen = agencies.ToHashSet(StringComparer.Ordinal);
        return
        [
            .. (await store.GetPartnerOverlapsOfAsync(agencies, basis, dimension, cancellationToken))
                .Where(p => chosen.Contains(p.AgencyA))
                .OrderBy(p => p.AgencyA, StringComparer.Ordinal)
                .ThenBy(p => p.AgencyB, StringComparer.Ordinal),
        ];
    }
}
