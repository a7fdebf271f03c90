using System.Text.RegularExpressions;

namespace HealthGraph.Tests.Support;

/// <summary>Every GraphQL document the API ships (schema/documents) and the explorer sends (src/explorer/src/documents).</summary>
public static partial class ShippedDocuments
{
    /// <summary>Each document's text, by its operation's name.</summary>
    public static IReadOnlyDictionary<string, string> ByOperation { get; } = new[] { RepositoryFiles.PathOf("schema", "documents"), RepositoryFiles.PathOf("src", "explorer", "src", "documents") }
        .SelectMany(folder => Directory.EnumerateFiles(folder, "*.graphql"))
        .Select(File.ReadAllText)
        .ToDictionary(text => OperationName().Match(text).Groups[1].Value, text => text, StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*query\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex OperationName();
}
