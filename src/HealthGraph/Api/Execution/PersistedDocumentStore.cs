using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using GraphQL.PersistedDocuments;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api.Execution;

/// <summary>
/// The persisted documents a front end may send by hash (<c>documentId: "sha256:&lt;hex&gt;"</c>): every
/// <c>.graphql</c> file in the configured folder, keyed by the SHA-256 of its UTF-8 text. graphql-dotnet's
/// <see cref="PersistedDocumentHandler"/> does the protocol (parsing and checking the id, the persisted-only switch);
/// this supplies the documents.
/// </summary>
public sealed class PersistedDocumentStore : IPersistedDocumentLoader
{
    private readonly FrozenDictionary<string, string> _documents;

    public PersistedDocumentStore(IOptions<GraphQLEndpointOptions> options)
    {
        var folder = options.Value.PersistedDocumentsPath;
        _documents = (Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*.graphql", SearchOption.AllDirectories) : [])
            .Select(File.ReadAllText)
            .DistinctBy(Hash)
            .ToFrozenDictionary(Hash, text => text, StringComparer.Ordinal);
    }

    /// <summary>How many documents are registered.</summary>
    public int Count => _documents.Count;

    /// <summary>The lower-case hex SHA-256 of a document's UTF-8 text: the payload of its <c>sha256:</c> id.</summary>
    public static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public ValueTask<string?> GetQueryAsync(string? documentIdPrefix, string documentIdPayload, CancellationToken cancellationToken) =>
        new(documentIdPrefix == "sha256" && _documents.TryGetValue(documentIdPayload, out var text) ? text : null);
}
