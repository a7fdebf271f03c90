using System.Runtime.CompilerServices;
using HealthGraph.Graph;

namespace HealthGraph.Store;

/// <summary>
/// Every pair of agencies that shares anything, by agency A then B, read a few agencies at a time: each sharing
/// agency's pairs (<see cref="IGraphStore.GetSharingAgenciesAsync"/>) with the agencies after it (<see cref="IGraphStore.GetPartnerOverlapsOfAsync"/>), so that a page of pairs or the
/// whole list as a stream never holds more than a few agencies' pairs. The first read takes one agency, each next one
/// twice as many up to <see cref="MaxAgenciesAtOnce"/>: a long read does not pay a store round trip per agency. A page
/// starts with only as many of its first agency's pairs as it needs (<see cref="IGraphStore.GetPartnerOverlapsFromAsync"/>),
/// which usually fill it.
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

        await foreach (var pairs in AfterAgencyAsync(store, basis, dimension, after?.A, sharing: null, cancellationToken))
        {
            yield return pairs;
        }
    }

    /// <summary>
    /// The first <paramref name="first"/> pairs after <paramref name="after"/>, and whether more come after them. The page
    /// starts with its first agency's pairs, only as many as it needs (<see cref="IGraphStore.GetPartnerOverlapsFromAsync"/>:
    /// most pages end there); the agencies after it are read a chunk at a time, as <see cref="AllAsync"/> does.
    /// </summary>
    public static async Task<(IReadOnlyList<PartnerOverlap> Pairs, bool HasNextPage)> PageAsync(
        IGraphStore store, Basis? basis, OverlapDimension? dimension, (string A, string B)? after, int first, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        var sharing = after is null ? await store.GetSharingAgenciesAsync(basis, dimension, cancellationToken) : null;
        var start = after?.A ?? (sharing is [var head, ..] ? head : null);
        if (start is null)
        {
            return ([], false);
        }

        var page = new List<PartnerOverlap>(await store.GetPartnerOverlapsFromAsync(start, after?.B, first + 1, basis, dimension, cancellationToken));
        if (page.Count <= first)
        {
            await foreach (var pairs in AfterAgencyAsync(store, basis, dimension, start, sharing, cancellationToken))
            {
                page.AddRange(pairs);
                if (page.Count > first)
                {
                    break;
                }
            }
        }

        return (page.Take(first).ToList(), page.Count > first);
    }

    /// <summary>
    /// The pairs of the sharing agencies after <paramref name="agency"/> (all when null) as A, a chunk at a time; the
    /// sharing agencies read here unless <paramref name="sharing"/> already holds them.
    /// </summary>
    private static async IAsyncEnumerable<IReadOnlyList<PartnerOverlap>> AfterAgencyAsync(
        IGraphStore store, Basis? basis, OverlapDimension? dimension, string? agency, IReadOnlyList<string>? sharing,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Only the agencies that share something are in a pair.
        sharing ??= await store.GetSharingAgenciesAsync(basis, dimension, cancellationToken);
        var next = agency is null ? 0 : sharing.Count(id => string.CompareOrdinal(id, agency) <= 0);
        for (var chunkSize = 1; next < sharing.Count; chunkSize = Math.Min(chunkSize * 2, MaxAgenciesAtOnce))
        {
            var chunk = sharing.Skip(next).Take(chunkSize).ToList();
            next += chunk.Count;
            yield return await FromAsync(store, chunk, basis, dimension, cancellationToken);
        }
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
