using System.Runtime.CompilerServices;
using HealthGraph.Api.Engine.Filtering;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Deliverables;
using HealthGraph.Api.Features.Outcomes;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Web.Exports;

/// <summary>
/// <c>/export/alignments</c>: one row per link from a deliverable or an outcome to an SDG goal, target or indicator
/// (what the GraphQL <c>alignments</c> field of each gives), with the link's own provenance. The work is paged with
/// the <c>deliverables</c> and <c>outcomes</c> lists' filters (<c>agency</c>/<c>resultsFramework</c> and
/// <c>alignedWith</c>), so only work that can have a matching link is read.
/// </summary>
public sealed class AlignmentExport : IExportKind
{
    public string Name => "alignments";

    public IReadOnlyList<string> Columns { get; } =
    [
        "workType", "workId", "workName", "agencyIds", "goal", "target", "indicator", "sdgId", "sdgTitle", .. ProvenanceColumns.Names,
    ];

    public IReadOnlyCollection<string> Parameters { get; } = ["agency", "goal", "target", "basis"];

    public async IAsyncEnumerable<IReadOnlyList<object?[]>> RowsAsync(
        ExportParameters parameters, IGraphStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var basis = parameters.Enum<Basis, BasisEnum>("basis");
        var agencies = parameters.All("agency");
        var sdgIds = await SdgIdsAsync(parameters, store, cancellationToken);

        var deliverables = FilterTranslator.Translate(DeliverableList.Definition, Where(("agency", agencies), ("alignedWith", sdgIds)), int.MaxValue);
        await foreach (var page in store.PagesAsync(NodeLabels.Deliverable, deliverables, [], DeliverableExport.PageSize, cancellationToken))
        {
            var agencyLinks = await store.RelatedAsync([.. page.Select(n => n.Id)], RelationshipTypes.Delivers, Direction.Incoming, cancellationToken);
            var rows = await RowsAsync(store, page, id => agencyLinks[id].OtherEnds(Direction.Incoming), basis, sdgIds, cancellationToken);
            if (rows.Count > 0)
            {
                yield return rows;
            }
        }

        // An outcome's agency is the one that manages the results framework defining it.
        IReadOnlyList<string>? frameworks = null;
        if (agencies.Count > 0)
        {
            frameworks = (await store.RelatedAsync(agencies, RelationshipTypes.ManagedBy, Direction.Incoming, cancellationToken))
                .SelectMany(g => g.OtherEnds(Direction.Incoming)).Distinct(StringComparer.Ordinal).ToList();
        }

        var outcomes = FilterTranslator.Translate(OutcomeList.Definition, Where(("resultsFramework", frameworks), ("alignedWith", sdgIds)), int.MaxValue);
        await foreach (var page in store.PagesAsync(NodeLabels.Outcome, outcomes, [], DeliverableExport.PageSize, cancellationToken))
        {
            var inFramework = await store.RelatedAsync([.. page.Select(n => n.Id)], RelationshipTypes.InFramework, Direction.Outgoing, cancellationToken);
            var managers = await store.RelatedAsync(
                [.. inFramework.SelectMany(g => g.OtherEnds(Direction.Outgoing)).Distinct(StringComparer.Ordinal)], RelationshipTypes.ManagedBy, Direction.Outgoing, cancellationToken);
            var rows = await RowsAsync(
                store,
                page,
                id => [.. inFramework[id].OtherEnds(Direction.Outgoing).SelectMany(f => managers[f].OtherEnds(Direction.Outgoing)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
                basis,
                sdgIds,
                cancellationToken);
            if (rows.Count > 0)
            {
                yield return rows;
            }
        }
    }

    /// <summary>The SDG nodes the goal and target parameters select (a goal with all its targets), or null for all; a code that is none is a 400.</summary>
    private static async Task<IReadOnlyList<string>?> SdgIdsAsync(ExportParameters parameters, IGraphStore store, CancellationToken cancellationToken)
    {
        var goals = parameters.All("goal").Select(Vocabulary.SdgGoalId).ToList();
        var targets = parameters.All("target").Select(Vocabulary.SdgTargetId).ToList();
        if (goals.Count + targets.Count == 0)
        {
            return null;
        }

        var known = await store.NodesByIdAsync([.. goals, .. targets], cancellationToken);
        ExportSdgCodes.RequireKnown(parameters, "goal", known, NodeLabels.SdgGoal);
        ExportSdgCodes.RequireKnown(parameters, "target", known, NodeLabels.SdgTarget);
        var goalTargets = await store.RelatedAsync(goals, RelationshipTypes.HasTarget, Direction.Outgoing, cancellationToken);
        return [.. goals.Concat(targets).Concat(goalTargets.SelectMany(g => g.OtherEnds(Direction.Outgoing))).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// A where argument of id conditions; alignedWith by the work's own links only (the rows are those links, and the
    /// SDG ids include a goal's targets).
    /// </summary>
    private static Dictionary<string, object?> Where(params (string Field, IReadOnlyList<string>? Ids)[] conditions) =>
        conditions.Where(c => c.Ids is not null && (c.Field != "agency" || c.Ids.Count > 0))
            .ToDictionary(
                c => c.Field,
                c => (object?)new Dictionary<string, object?>
                {
                    ["in"] = c.Ids!.Cast<object?>().ToList(),
                    ["via"] = c.Field == "alignedWith" ? new List<object?> { AlignmentPaths.Direct } : null,
                },
                StringComparer.Ordinal);

    private static async Task<List<object?[]>> RowsAsync(
        IGraphStore store, IReadOnlyList<GraphNode> work, Func<string, IReadOnlyList<string>> agenciesOf, Basis? basis, IReadOnlyList<string>? sdgIds,
        CancellationToken cancellationToken)
    {
        var wanted = sdgIds?.ToHashSet(StringComparer.Ordinal);
        var links = await store.RelatedAsync([.. work.Select(n => n.Id)], RelationshipTypes.AlignsWith, Direction.Outgoing, cancellationToken);
        var kept = work.ToDictionary(
            n => n.Id,
            n => links[n.Id].Where(l => (basis is null || l.Provenance.Basis == basis) && (wanted is null || wanted.Contains(l.ToId))).ToList(),
            StringComparer.Ordinal);
        var nodes = await store.NodesByIdAsync(
            [.. kept.Values.SelectMany(ls => ls.SelectMany(l => new[] { l.ToId, l.Provenance.DocumentId }))], cancellationToken);

        var rows = new List<object?[]>();
        foreach (var item in work)
        {
            var agencies = kept[item.Id].Count > 0 ? agenciesOf(item.Id) : [];
            foreach (var link in kept[item.Id].OrderBy(l => nodes.TryGetValue(l.ToId, out var s) ? s.GetString(NodeProperties.Code) : l.ToId, SdgCodeComparer.Instance))
            {
                var sdg = nodes.GetValueOrDefault(link.ToId);
                var (goal, target, indicator) = ExportSdgCodes.Split(sdg);
                rows.Add(
                [
                    item.Label == NodeLabels.Deliverable ? "DELIVERABLE" : "OUTCOME",
                    item.Id,
                    item.Name,
                    agencies,
                    goal,
                    target,
                    indicator,
                    link.ToId,
                    sdg?.Name,
                    .. ProvenanceColumns.Cells(link.Provenance, nodes),
                ]);
            }
        }

        return rows;
    }
}

/// <summary>SDG codes in export parameters and columns.</summary>
public static class ExportSdgCodes
{
    /// <summary>Every value of an SDG code parameter must name a node of that label; a 400 otherwise.</summary>
    public static void RequireKnown(ExportParameters parameters, string parameter, IReadOnlyDictionary<string, GraphNode> known, string label)
    {
        foreach (var code in parameters.All(parameter))
        {
            var id = label == NodeLabels.SdgGoal ? Vocabulary.SdgGoalId(code) : Vocabulary.SdgTargetId(code);
            if (!known.TryGetValue(id, out var node) || node.Label != label)
            {
                throw new ExportParameterException(
                    parameter,
                    $"There is no SDG {(label == NodeLabels.SdgGoal ? "goal" : "target")} '{code}'.",
                    [label == NodeLabels.SdgGoal ? "a goal number from 1 to 17, such as 8" : "a target code such as 8.3 or 3.c"]);
            }
        }
    }

    /// <summary>The goal, target and indicator codes of an SDG node (the parts of its code its label has).</summary>
    public static (string? Goal, string? Target, string? Indicator) Split(GraphNode? sdg)
    {
        var code = sdg?.GetString(NodeProperties.Code);
        if (sdg is null || code is null)
        {
            return (null, null, null);
        }

        var parts = code.Split('.');
        return sdg.Label switch
        {
            NodeLabels.SdgGoal => (code, null, null),
            NodeLabels.SdgTarget => (parts[0], code, null),
            _ => (parts[0], parts.Length > 1 ? $"{parts[0]}.{parts[1]}" : null, code),
        };
    }
}
