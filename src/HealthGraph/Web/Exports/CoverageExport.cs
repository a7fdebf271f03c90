using System.Runtime.CompilerServices;
using HealthGraph.Api.Features.Common;
using HealthGraph.Api.Features.Coordination;
using HealthGraph.Api.Features.Sdgs;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Web.Exports;

/// <summary>
/// <c>/export/coverage</c>: what the GraphQL <c>goalCoverage(goal:, basis:)</c> gives, one row per target, for the
/// goals asked for or for every goal in the framework's order (one store call per goal, rows sent after each).
/// </summary>
public sealed class CoverageExport : IExportKind
{
    public string Name => "coverage";

    public IReadOnlyList<string> Columns { get; } =
    [
        "goal", "target", "targetId", "targetTitle", "status", "agencyCount", "agencyIds", "deliverableCount", "outcomeCount",
        "contributionCount", "countedBasis",
    ];

    public IReadOnlyCollection<string> Parameters { get; } = ["goal", "basis"];

    public async IAsyncEnumerable<IReadOnlyList<object?[]>> RowsAsync(
        ExportParameters parameters, IGraphStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var basis = parameters.Enum<Basis, BasisEnum>("basis");
        IReadOnlyList<string> goals = parameters.All("goal");
        if (goals.Count > 0)
        {
            ExportSdgCodes.RequireKnown(parameters, "goal", await store.NodesByIdAsync(goals.Select(Vocabulary.SdgGoalId), cancellationToken), NodeLabels.SdgGoal);
        }
        else
        {
            var order = SdgGoalList.Definition.DefaultOrder.Select(s => new NodeOrder(s.Field)).ToList();
            goals = [.. (await store.ListNodesAsync(new NodeListQuery(NodeLabels.SdgGoal, Order: order), cancellationToken)).Nodes.Select(g => g.GetString(NodeProperties.Code)!)];
        }

        var status = new CoverageStatusEnum();
        foreach (var goal in goals.Distinct(StringComparer.Ordinal))
        {
            // first: 0 — the counts and agencies are exact; the listed contributions are not exported.
            if (await store.GetGoalCoverageAsync(goal, basis, 0, cancellationToken: cancellationToken) is not { } coverage)
            {
                continue;
            }

            yield return [.. coverage.Targets.Select(t => new object?[]
            {
                coverage.Goal.GetString(NodeProperties.Code),
                t.Target.GetString(NodeProperties.Code),
                t.Target.Id,
                t.Target.Name,
                status.Serialize(t.Status),
                t.AgencyIds.Count,
                t.AgencyIds,
                t.Work.DeliverableCount,
                t.Work.OutcomeCount,
                t.Work.ContributionCount,
                ProvenanceColumns.Counted(basis),
            })];
        }
    }
}
