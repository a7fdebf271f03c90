using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using HealthGraph.Api.Errors;
using HealthGraph.Api.Execution;
using HealthGraph.GraphiQL;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api.Http;

/// <summary>
/// GraphQL over HTTP, written to the GraphQL-over-HTTP specification (the GraphQL.Server transport is not available
/// to this project): POST with a JSON body; GET for queries only (405 with <c>Allow: POST</c> for a mutation);
/// <c>application/graphql-response+json</c> or <c>application/json</c> by the Accept header (406 for neither);
/// 415 for a body that is not JSON; 400 for a body or parameter that is malformed; with graphql-response+json, 400
/// when the document fails to parse or validate (it was not executed) and 200 once execution started. Unknown
/// request keys are ignored. A browser asking for HTML gets GraphiQL.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    IDocumentExecuter<HealthGraphSchema> executer,
    IGraphQLTextSerializer serializer,
    IOptions<GraphQLEndpointOptions> options,
    ILogger<GraphQLHttpEndpoint> logger)
{
    private static readonly IValidationRule[] s_getRules = [.. DocumentValidator.CoreRules, GetRequestsOnlyQueryRule.Instance];

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if (!isGet && !HttpMethods.IsPost(request.Method))
        {
            context.Response.Headers.Allow = "GET, POST";
            await WriteRequestErrorAsync(context, GraphQLMediaTypes.Json, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED",
                $"{request.Method} is not allowed here: send queries with GET or POST, mutations with POST.");
            return;
        }

        if (isGet && options.Value.GraphiQL && GraphiQLEndpoints.IsBrowserRequest(request))
        {
            await GraphiQLEndpoints.WriteGraphiQLPageAsync(context, options.Value.Path);
            return;
        }

        var mediaType = GraphQLMediaTypes.Negotiate(request.Headers.Accept);
        if (mediaType is null)
        {
            await WriteRequestErrorAsync(context, GraphQLMediaTypes.Json, StatusCodes.Status406NotAcceptable, "NOT_ACCEPTABLE",
                $"This endpoint answers with {GraphQLMediaTypes.GraphQLResponse} or {GraphQLMediaTypes.Json}; the Accept header allows neither.");
            return;
        }

        GraphQLHttpRequest parameters;
        try
        {
            if (isGet)
            {
                parameters = GraphQLHttpRequestReader.ReadQueryString(request, serializer);
            }
            else if (!GraphQLMediaTypes.IsJsonBody(request.ContentType))
            {
                throw new BadGraphQLRequestException(StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                    request.ContentType is null
                        ? "The request has no Content-Type; send the GraphQL request as application/json."
                        : $"Content-Type '{request.ContentType}' is not supported; send the GraphQL request as application/json (UTF-8).");
            }
            else
            {
                parameters = await GraphQLHttpRequestReader.ReadBodyAsync(request, serializer, context.RequestAborted);
            }
        }
        catch (BadGraphQLRequestException bad)
        {
            await WriteRequestErrorAsync(context, mediaType, bad.Status, bad.Code, bad.Message);
            return;
        }

        if (parameters.Query is null && parameters.DocumentId is null)
        {
            await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status400BadRequest, "QUERY_MISSING",
                "The request has no 'query' (the GraphQL document) and no 'documentId' (a persisted document's id).");
            return;
        }

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = parameters.Query,
            DocumentId = parameters.DocumentId,
            OperationName = parameters.OperationName,
            Variables = parameters.Variables,
            Extensions = parameters.Extensions,
            RequestServices = context.RequestServices,
            User = context.User,
            CancellationToken = context.RequestAborted,
            ValidationRules = isGet ? s_getRules : null,
            CachedDocumentValidationRules = isGet ? [GetRequestsOnlyQueryRule.Instance] : null,
            UnhandledExceptionDelegate = HandleUnhandledExceptionAsync,
        });

        if (result.Errors?.Any(e => e is OperationNotAllowedOverGetError) == true)
        {
            context.Response.Headers.Allow = "POST";
            await WriteAsync(context, mediaType, StatusCodes.Status405MethodNotAllowed, result);
            return;
        }

        var status = mediaType == GraphQLMediaTypes.GraphQLResponse && !result.Executed
            ? StatusCodes.Status400BadRequest
            : StatusCodes.Status200OK;
        await WriteAsync(context, mediaType, status, result);
    }

    private Task HandleUnhandledExceptionAsync(UnhandledExceptionContext context)
    {
        switch (context.OriginalException)
        {
            case Store.GraphChangeRejectedException:
                break;
            case Store.StoreUnavailableException outage:
                // Once per request, without a stack: an outage is a condition to watch, not a bug to debug.
                if (context.ExecutionOptions.RequestServices?.GetService<RequestStoreOutage>()?.Record(outage) != false)
                {
                    logger.LogWarning("GraphQL request failed: the store is unavailable ({Reason})", (outage.InnerException as Store.StoreUnavailableException ?? outage).Message);
                }

                break;
            default:
                logger.LogError(context.OriginalException, "GraphQL field {Field} failed", context.FieldContext?.FieldDefinition.Name ?? "(request)");
                break;
        }

        return HealthGraphErrorInfoProvider.HandleUnhandledExceptionAsync(context);
    }

    private Task WriteRequestErrorAsync(HttpContext context, string mediaType, int status, string code, string message) =>
        WriteAsync(context, mediaType, status, new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] });

    private async Task WriteAsync(HttpContext context, string mediaType, int status, ExecutionResult result)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
