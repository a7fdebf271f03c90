using System.ComponentModel.DataAnnotations;

namespace HealthGraph.Api.Engine.Execution;

/// <summary>Settings of the GraphQL endpoint (section <c>GraphQL</c>).</summary>
public sealed class GraphQLEndpointOptions
{
    public const string Section = "GraphQL";

    /// <summary>The path of the endpoint. Default: /graphql.</summary>
    [Required]
    [RegularExpression("^/[A-Za-z0-9/_-]*$", ErrorMessage = "GraphQL:Path must start with '/' and hold only letters, digits, '/', '_' and '-'.")]
    public string Path { get; set; } = "/graphql";

    /// <summary>Accept only persisted documents (by documentId), not query text: for production front ends. Default: false.</summary>
    public bool PersistedDocumentsOnly { get; set; }

    /// <summary>The folder of persisted documents (*.graphql). Default: the documents shipped with HealthGraph.</summary>
    public string PersistedDocumentsPath { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "persisted-documents");

    /// <summary>The origins a browser front end may call the API from (CORS), such as https://explorer.example.org.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Answer introspection (__schema, __type) and serve the SDL. Default: true; switch off in production if the schema is private.</summary>
    public bool Introspection { get; set; } = true;

    /// <summary>Serve GraphiQL to browsers at the endpoint's path. Default: true.</summary>
    public bool GraphiQL { get; set; } = true;

    /// <summary>Whether <paramref name="origin"/> is an origin as CORS compares them: scheme, host and port, no path, no '*'.</summary>
    public static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/" && !origin.EndsWith('/') && !origin.Contains('*', StringComparison.Ordinal);
}
