using GraphQL;
using HealthGraph.Api;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Web.Security;
using Microsoft.Extensions.Options;

namespace HealthGraph.Web.Transport;

/// <summary>The GraphQL endpoint (GraphiQL for browsers at the same path) and the SDL at <c>{path}/schema.graphql</c>.</summary>
public static class GraphQLEndpoints
{
    /// <summary>Maps both on <paramref name="group"/>, whose policies (CORS, rate limits) they take; a request the rate limiter turns away gets a GraphQL error.</summary>
    public static IEndpointRouteBuilder MapGraphQL(this IEndpointRouteBuilder group, string path)
    {
        group.Map(path, context => context.RequestServices.GetRequiredService<GraphQLHttpEndpoint>().HandleAsync(context))
            .WithMetadata(s_rejected);
        group.MapGet($"{path}/schema.graphql", SchemaDocument).WithMetadata(s_rejected);
        return group;
    }

    /// <summary>What the rate limiter answers for a GraphQL request it turns away: a GraphQL error with code RATE_LIMITED.</summary>
    private static readonly RateLimiting.Rejection s_rejected = (context, seconds) =>
        GraphQLHttpEndpoint.WriteErrorAsync(
            context, context.RequestServices.GetRequiredService<IGraphQLTextSerializer>(), GraphQLMediaTypes.Json,
            StatusCodes.Status429TooManyRequests, Complexity.RateLimitedCode, $"Too many requests from this client (or too many at once); try again in {seconds} s.");

    /// <summary>The SDL, unless introspection is off (404), to callers who may read only (401).</summary>
    private static IResult SchemaDocument(HealthGraphSchema schema, HttpContext context, IOptions<GraphQLEndpointOptions> endpoint, IOptions<AccessOptions> access)
    {
        if (!endpoint.Value.Introspection)
        {
            return Results.NotFound();
        }

        return access.Value.MayRead(context.User)
            ? Results.Text(ApiExtensions.PrintSchema(schema), "text/plain; charset=utf-8")
            : Results.Unauthorized();
    }
}
