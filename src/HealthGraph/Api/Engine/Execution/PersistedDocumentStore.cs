using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GraphQL.PersistedDocuments;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api.Engine.Execution;

/// <summary>
/// The persisted documents a front end may send by hash (<c>documentId: "sha256:&lt;hex&gt;"</c>): every
/// <c>.graphql</c> file in the configured folder, and every document of each <c>.json</c> manifest there (the
/// <c>{ "sha256:&lt;hex&gt;": "document text" }</c> that GraphQL Code Generator's client preset writes, as the explorer's
/// build does), keyed by the SHA-256 of its UTF-8 text. graphql-dotnet's <see cref="PersistedDocumentHandler"/> does the
/// protocol (parsing and checking the id, the persisted-only switch); this supplies the documents.
/// </summary>
public sealed class PersistedDocumentStore : IPersistedDocumentLoader
{
    private readonly FrozenDictionary<string, string> _documents;

    public PersistedDocumentStore(IOptions<GraphQLEndpointOptions> options)
    {
        var folder = options.Value.PersistedDocumentsPath;
        var exists = Directory.Exists(folder);
        _documents = (exists ? Directory.EnumerateFiles(folder, "*.graphql", SearchOption.AllDirectories) : [])
            .Select(File.ReadAllText)
            .Concat((exists ? Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories) : []).SelectMany(ReadManifest))
            .DistinctBy(Hash)
            .ToFrozenDictionary(Hash, text => text, StringComparer.Ordinal);
    }

    /// <summary>How many documents are registered.</summary>
    public int Count => _documents.Count;

    /// <summary>The lower-case hex SHA-256 of a document's UTF-8 text: the payload of its <c>sha256:</c> id.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>
    /// The documents of a manifest. Each id must be the <c>sha256:</c> hash of its text, as this store computes it:
    /// a manifest made with another hash or another printing of the documents would have every request of its front
    /// end refused, so it stops the start instead, naming the file and the id.
    /// </summary>
    private static IEnumerable<string> ReadManifest(string path)
    {
        Dictionary<string, string>? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The persisted-document manifest {path} is not a JSON object of document ids and texts: {e.Message}", e);
        }

        foreach (var (id, text) in manifest ?? [])
        {
            if (id != $"sha256:{Hash(text)}")
            {
                throw new InvalidOperationException(
                    $"The persisted-document manifest {path} gives the id {id} to a document whose SHA-256 is {Hash(text)}: ids must be \"sha256:\" and the hex SHA-256 of the document's UTF-8 text.");
            }

            yield return text;
        }
    }

    public ValueTask<string?> GetQueryAsync(string? documentIdPrefix, string documentIdPayload, CancellationToken cancellationToken) =>
        new(documentIdPrefix == "sha256" && _documents.TryGetValue(documentIdPayload, out var text) ? text : null);
}
