using System.Diagnostics.CodeAnalysis;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace HealthGraph.Web.GraphiQL;

/// <summary>
/// One file of the GraphiQL page. Its URL carries <see cref="Version"/>, a hash of its content, so a browser may
/// cache it for a year: a changed file gets a new URL.
/// </summary>
internal sealed class GraphiQLAsset
{
    private readonly Lazy<byte[]> _gzip;

    public GraphiQLAsset(string name, byte[] content)
    {
        Name = name;
        Content = content;
        Version = Convert.ToHexStringLower(SHA256.HashData(content))[..16];
        ContentType = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => "application/octet-stream",
        };
        ETag = new EntityTagHeaderValue($"\"{Version}\"");
        GzipETag = new EntityTagHeaderValue($"\"{Version}-gzip\"");
        _gzip = new Lazy<byte[]>(() => Compress(content));
    }

    /// <summary>The file name, as in <c>graphiql.min.js</c>.</summary>
    public string Name { get; }

    public byte[] Content { get; }

    /// <summary>The first 16 hex digits of the content's SHA-256.</summary>
    public string Version { get; }

    public string ContentType { get; }

    public EntityTagHeaderValue ETag { get; }

    /// <summary>The entity tag of the gzip-encoded representation, which differs byte for byte from the plain one.</summary>
    public EntityTagHeaderValue GzipETag { get; }

    /// <summary>The content gzip-compressed, computed on first use and kept.</summary>
    public byte[] GzipContent => _gzip.Value;

    private static byte[] Compress(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize))
        {
            gzip.Write(content);
        }

        return buffer.ToArray();
    }
}

/// <summary>
/// The files the GraphiQL page loads: the npm packages' own browser builds, embedded by the build when npm has
/// installed them (see HealthGraph.csproj), and HealthGraph's start-up script and style, always embedded.
/// </summary>
internal sealed class GraphiQLAssets
{
    public const string ResourcePrefix = "graphiql/";

    /// <summary>HealthGraph's script that starts GraphiQL; it runs last.</summary>
    public const string StartupScript = "healthgraph-graphiql.js";

    /// <summary>HealthGraph's style for the page, also used by the page that explains missing assets.</summary>
    public const string PageStyleSheet = "healthgraph-graphiql.css";

    private static readonly Lazy<GraphiQLAssets> s_embedded = new(() => FromAssembly(typeof(GraphiQLAssets).Assembly));

    private readonly Dictionary<string, GraphiQLAsset> _assets;

    public GraphiQLAssets(IEnumerable<GraphiQLAsset> assets) =>
        _assets = assets.ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The style sheets the page links, in order.</summary>
    public static IReadOnlyList<string> StyleSheets { get; } = ["graphiql.min.css", PageStyleSheet];

    /// <summary>The scripts the page runs, in order: React, ReactDOM, GraphiQL (UMD globals), then the start-up script.</summary>
    public static IReadOnlyList<string> Scripts { get; } =
        ["react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", StartupScript];

    /// <summary>The files embedded in HealthGraph's assembly, read once on first use.</summary>
    public static GraphiQLAssets Embedded => s_embedded.Value;

    /// <summary>The page's files that are not here: empty when the build embedded everything.</summary>
    public IReadOnlyList<string> Missing => [.. StyleSheets.Concat(Scripts).Where(name => !_assets.ContainsKey(name))];

    public IEnumerable<GraphiQLAsset> All => _assets.Values;

    public static GraphiQLAssets FromAssembly(Assembly assembly) => new(
        assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => new GraphiQLAsset(n[ResourcePrefix.Length..], Read(assembly, n))));

    public bool TryGet(string name, [NotNullWhen(true)] out GraphiQLAsset? asset) => _assets.TryGetValue(name, out asset);

    /// <summary>The asset's URL path below the GraphQL endpoint: <c>graphiql/{version}/{name}</c>.</summary>
    public static string RelativePath(GraphiQLAsset asset) => $"graphiql/{asset.Version}/{asset.Name}";

    private static byte[] Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
