using FluentValidation;
using FluentValidation.Results;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Common;

/// <summary>
/// Checks, in one store round trip, that the ids an input refers to exist with the right kind, and that the id it
/// writes is not already taken by an entity of another kind.
/// </summary>
public static class References
{
    public static async Task CheckAsync<T>(
        IGraphStore store,
        ValidationContext<T> context,
        string? subjectId,
        string? subjectLabel,
        (string Property, IReadOnlyList<string>? Ids, string Label)[] references,
        CancellationToken cancellationToken)
    {
        var ids = references.SelectMany(r => r.Ids ?? []).Append(subjectId).OfType<string>().Distinct().ToList();
        var found = (await store.GetNodesAsync(ids, cancellationToken)).ToDictionary(n => n.Id, n => n.Label, StringComparer.Ordinal);

        if (subjectId is not null && subjectLabel is not null && found.TryGetValue(subjectId, out var existing) && existing != subjectLabel)
        {
            context.AddFailure(new ValidationFailure("Id", $"'{subjectId}' is already the id of a {existing}, not a {subjectLabel}.") { ErrorCode = "ID_TAKEN" });
        }

        foreach (var (property, list, label) in references)
        {
            for (var i = 0; i < (list?.Count ?? 0); i++)
            {
                var id = list![i];
                if (!found.TryGetValue(id, out var actual) || actual != label)
                {
                    var path = list.Count == 1 && !property.EndsWith("Ids", StringComparison.Ordinal) ? property : $"{property}[{i}]";
                    var message = actual is null ? $"There is no {label} '{id}'." : $"'{id}' is a {actual}, not a {label}.";
                    context.AddFailure(new ValidationFailure(path, message) { ErrorCode = $"UNKNOWN_{Upper(label)}" });
                }
            }
        }
    }

    private static string Upper(string label) =>
        string.Concat(label.Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{c}" : char.ToUpperInvariant(c).ToString()));
}
