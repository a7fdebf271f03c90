using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using HealthGraph.Api;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Execution;
using HealthGraph.Web.GraphiQL;
using HealthGraph.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace HealthGraph.Web.Transport;

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
    IOptions<GraphQLLimits> limits,
    IOptions<AccessOptions> access,
    CostBudgets budgets,
    ResultCache cache,
    GraphQL.PersistedDocuments.IPersistedDocumentLoader persisted,
    ILogger<GraphQLHttpEndpoint> logger) : IDisposable
{
    /// <summary>The executions running at once (GraphQL:Limits:MaxConcurrentExecutions); others wait their turn.</summary>
    private readonly SemaphoreSlim _executions = new(limits.Value.MaxConcurrentExecutions, limits.Value.MaxConcurrentExecutions);

    public void Dispose() => _executions.Dispose();

    private const string Challenge = $"Bearer, {ApiKeyAuthenticationHandler.SchemeName} header=\"{ApiKeyAuthenticationHandler.Header}\"";

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

        // A credential that was sent but is not valid is refused outright, whatever the operation: the caller meant
        // to be someone, and running the request anonymously would hide the mistake.
        var authentication = await context.AuthenticateAsync();
        if (authentication.Failure is { } failure)
        {
            context.Response.Headers.WWWAuthenticate = Challenge;
            await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status401Unauthorized, AccessDeniedError.UnauthenticatedCode, DescribeFailure(failure));
            return;
        }

        GraphQLHttpRequest parameters;
        try
        {
            if (!isGet && request.ContentLength > limits.Value.MaxRequestBodySize)
            {
                throw TooLarge(request.ContentLength.Value);
            }

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
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
                {
                    bodySize.MaxRequestBodySize = limits.Value.MaxRequestBodySize;
                }

                parameters = await GraphQLHttpRequestReader.ReadBodyAsync(request, serializer, context.RequestAborted);
            }

            if (parameters.Query?.Length > limits.Value.MaxDocumentLength)
            {
                throw new BadGraphQLRequestException(StatusCodes.Status400BadRequest, "QUERY_TOO_LONG",
                    $"The query is {parameters.Query.Length} characters long; at most {limits.Value.MaxDocumentLength} are allowed.");
            }
        }
        catch (BadGraphQLRequestException bad)
        {
            await WriteRequestErrorAsync(context, mediaType, bad.Status, bad.Code, bad.Message);
            return;
        }
        catch (BadHttpRequestException bad)
        {
            // Kestrel stopped reading the body: at the limit (a body without Content-Length), or malformed (a bad chunk).
            var refused = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(null)
                : new BadGraphQLRequestException(bad.StatusCode, "BAD_REQUEST_BODY", $"The request body could not be read: {bad.Message}");
            await WriteRequestErrorAsync(context, mediaType, refused.Status, refused.Code, refused.Message);
            return;
        }

        if (parameters.Query is null && parameters.DocumentId is null)
        {
            await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status400BadRequest, "QUERY_MISSING",
                "The request has no 'query' (the GraphQL document) and no 'documentId' (a persisted document's id).");
            return;
        }

        // The deadline is kept whatever the work does: the request is answered when it passes, and the work, which may be
        // inside a synchronous store call, is cancelled (the stores stop their statements on cancellation) and left to end
        // on its own thread.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(limits.Value.ExecutionTimeout);
        // A query answered before at the graph's present version is sent as it was, without running it again; a GET of a
        // persisted document by an anonymous caller is also validated by its ETag (304 when the caller has it).
        var kept = await KeptAnswerKeyAsync(context, parameters, isGet, timeout.Token);
        if (kept is { } found)
        {
            if (found.ETag is { } etag && context.Request.Headers.IfNoneMatch.Any(tag => tag == etag || tag == "*"))
            {
                SetCachingHeaders(context, found);
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            if (cache.Find(found.Key) is { } answer)
            {
                SetCachingHeaders(context, found);
                await WriteBytesAsync(context, mediaType, answer);
                return;
            }
        }

        var execution = Task.Run(() => ExecuteInTurnAsync(context, parameters, isGet, timeout.Token), CancellationToken.None);
        var deadline = new TaskCompletionSource();
        using (timeout.Token.Register(() => deadline.TrySetResult()))
        {
            await Task.WhenAny(execution, deadline.Task);
        }

        (ExecutionResult Result, GraphRequest? Request)? executed = null;
        if (execution.IsCompletedSuccessfully)
        {
            executed = execution.Result;
        }
        else if (!execution.IsCompleted || execution.Exception?.InnerException is OperationCanceledException)
        {
            _ = execution.ContinueWith(
                static (t, state) => ((ILogger)state!).LogDebug(t.Exception, "A GraphQL request's work ended after its answer was sent"), logger, TaskScheduler.Default);
        }
        else
        {
            await execution; // a failure of the endpoint itself: let it surface
        }

        // Cancelled store work may also surface as a field error (SQLite reports an interrupted statement as one).
        if (executed is not { } done || (timeout.IsCancellationRequested && !context.RequestAborted.IsCancellationRequested))
        {
            if (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            logger.LogWarning("A GraphQL request was answered at its deadline, {Timeout}, and its work cancelled (operation {Operation})", limits.Value.ExecutionTimeout, parameters.OperationName);
            await WriteRequestErrorAsync(context, mediaType, StatusCodes.Status503ServiceUnavailable, "EXECUTION_TIMEOUT",
                $"The request ran longer than {limits.Value.ExecutionTimeout.TotalSeconds:0.###} s and was cancelled; ask for less (smaller pages, fewer nested lists).");
            return;
        }

        var result = done.Result;
        if (result.Errors?.Any(e => e is OperationNotAllowedOverGetError) == true)
        {
            context.Response.Headers.Allow = "POST";
            await WriteAsync(context, mediaType, StatusCodes.Status405MethodNotAllowed, result);
            return;
        }

        if (!result.Executed)
        {
            // A document refused before it ran is the caller's mistake (or a refused caller), not the server's.
            logger.LogDebug("A GraphQL request was refused before it ran: {Codes}", string.Join(", ", result.Errors?.Select(e => e.Code) ?? []));
        }

        if (done.Request?.RetryAfter is { } wait && !result.Executed)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteAsync(context, mediaType, StatusCodes.Status429TooManyRequests, result);
            return;
        }

        var status = Status(context, mediaType, result);
        if (kept is not null && IsKeptAnswer(result) && status == StatusCodes.Status200OK)
        {
            SetCachingHeaders(context, kept);
            await WriteAsync(context, mediaType, status, result, kept);
            return;
        }

        await WriteAsync(context, mediaType, status, result);
    }

    /// <summary>Where a request's answer is kept (<see cref="ResultCache"/>), and its ETag; null when answers are not kept now.</summary>
    private sealed record KeptAnswer(string Version, string Key, string? ETag);

    private async Task<KeptAnswer?> KeptAnswerKeyAsync(HttpContext context, GraphQLHttpRequest parameters, bool isGet, CancellationToken deadline)
    {
        var user = context.User;
        var anonymous = user.Identity?.IsAuthenticated != true;
        if (!cache.Enabled || !await IsQueryAsync(parameters))
        {
            return null;
        }

        string? version;
        try
        {
            // Within the request's deadline: the version read is part of the request's time.
            version = await cache.CurrentVersionAsync(deadline);
        }
        catch (Exception e) when (e is Store.StoreException or OperationCanceledException)
        {
            return null; // the store is unreachable, or the deadline passed: the request runs, and says so
        }

        if (version is null)
        {
            return null;
        }

        var caller = anonymous
            ? ""
            : $"{user.Identity!.Name}|{string.Join(',', user.FindAll(System.Security.Claims.ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal))}|{string.Join(',', EditScope.Organisations(user))}";
        var variables = parameters.Variables is null ? "" : serializer.Serialize(parameters.Variables);
        var key = ResultCache.Key(version, parameters.Query, parameters.DocumentId, parameters.OperationName, variables, caller);
        // The ETag is derived from the document, its variables and the graph's version (the key), for public reads only.
        var etag = isGet && parameters.DocumentId is not null && anonymous ? $"\"{key[..32]}\"" : null;
        return new KeptAnswer(version, key, etag);
    }

    /// <summary>
    /// What a cache may do with a kept answer: a public read (a GET of a persisted document, anonymous) may be kept by any
    /// cache that asks again with its ETag; an answer for a credential, or to a POST, by none (it may name the caller).
    /// </summary>
    private static void SetCachingHeaders(HttpContext context, KeptAnswer kept)
    {
        var headers = context.Response.Headers;
        headers.Vary = $"Accept, {ApiKeyAuthenticationHandler.Header}, Authorization";
        if (kept.ETag is { } etag)
        {
            headers.ETag = etag;
            headers.CacheControl = "public, no-cache";
        }
        else
        {
            headers.CacheControl = "private, no-store";
        }
    }

    /// <summary>Whether the request runs a query (its text, or its persisted document's; the store is not asked).</summary>
    private async ValueTask<bool> IsQueryAsync(GraphQLHttpRequest parameters)
    {
        var text = parameters.Query;
        if (text is null && parameters.DocumentId is { } id && id.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
        {
            text = await persisted.GetQueryAsync(id[..colon], id[(colon + 1)..], CancellationToken.None);
        }

        return text is not null && cache.IsQuery(text, parameters.OperationName);
    }

    /// <summary>Whether an answer may be kept: a query's, that ran without an error.</summary>
    private static bool IsKeptAnswer(ExecutionResult result) =>
        result.Executed && (result.Errors is null || result.Errors.Count == 0) && result.Operation?.Operation == GraphQLParser.AST.OperationType.Query;

    /// <summary>Sends a kept answer as it was first sent.</summary>
    private static async Task WriteBytesAsync(HttpContext context, string mediaType, byte[] answer)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = $"{mediaType}; charset=utf-8";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, context.RequestAborted);
    }

    /// <summary>Executes the request when one of the process's execution turns is free (GraphQL:Limits:MaxConcurrentExecutions).</summary>
    private async Task<(ExecutionResult, GraphRequest?)> ExecuteInTurnAsync(HttpContext context, GraphQLHttpRequest parameters, bool isGet, CancellationToken cancellationToken)
    {
        await _executions.WaitAsync(cancellationToken);
        try
        {
            var options = new ExecutionOptions
            {
                Query = parameters.Query,
                DocumentId = parameters.DocumentId,
                OperationName = parameters.OperationName,
                Variables = parameters.Variables,
                Extensions = parameters.Extensions,
                RequestServices = context.RequestServices,
                User = context.User,
                UserContext = new Dictionary<string, object?> { [GraphRequest.BudgetEntry] = budgets.For(context) },
                CancellationToken = cancellationToken,
                ValidationRules = isGet ? s_getRules : null,
                CachedDocumentValidationRules = isGet ? [GetRequestsOnlyQueryRule.Instance] : null,
                UnhandledExceptionDelegate = HandleUnhandledExceptionAsync,
            };
            var result = await executer.ExecuteAsync(options);
            return (result, options.UserContext as GraphRequest);
        }
        finally
        {
            _executions.Release();
        }
    }

    /// <summary>
    /// With application/json, 200 for every executed or refused document (the spec's rule for that media type). With
    /// graphql-response+json, 200 once execution started; before it, 401 or 403 when the caller was refused access
    /// (with a challenge for 401) and 400 for any other failure to parse or validate.
    /// </summary>
    private static int Status(HttpContext context, string mediaType, ExecutionResult result)
    {
        if (mediaType != GraphQLMediaTypes.GraphQLResponse || result.Executed)
        {
            return StatusCodes.Status200OK;
        }

        var errors = result.Errors ?? [];
        if (errors.Count > 0 && errors.All(e => e.Code == AccessDeniedError.UnauthenticatedCode))
        {
            context.Response.Headers.WWWAuthenticate = Challenge;
            return StatusCodes.Status401Unauthorized;
        }

        return errors.Count > 0 && errors.All(e => e is AccessDeniedError)
            ? StatusCodes.Status403Forbidden
            : StatusCodes.Status400BadRequest;
    }

    private BadGraphQLRequestException TooLarge(long? length) => new(StatusCodes.Status413PayloadTooLarge, "REQUEST_TOO_LARGE",
        length is { } bytes
            ? $"The request body is {bytes} bytes; at most {limits.Value.MaxRequestBodySize} are allowed."
            : $"The request body is larger than the {limits.Value.MaxRequestBodySize} bytes allowed.");

    private string DescribeFailure(Exception failure) =>
        failure is SecurityTokenSignatureKeyNotFoundException && !access.Value.Jwt.IsConfigured
            ? $"This server accepts no bearer tokens (Auth:Jwt is not configured); send an API key in the {ApiKeyAuthenticationHandler.Header} header."
            : AccessControlExtensions.Describe(failure);

    private Task HandleUnhandledExceptionAsync(UnhandledExceptionContext context)
    {
        switch (context.OriginalException)
        {
            case Store.GraphChangeRejectedException or GraphQLParser.Exceptions.GraphQLMaxDepthExceededException:
                break;
            case Store.StoreUnavailableException outage:
                // Once per request, without a stack: an outage is a condition to watch, not a bug to debug.
                if ((context.ExecutionOptions.UserContext as GraphRequest)?.Outage.Record(outage) != false)
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

    /// <summary>A request refused by the endpoint itself: the caller's mistake, so logged at debug level only.</summary>
    private Task WriteRequestErrorAsync(HttpContext context, string mediaType, int status, string code, string message)
    {
        logger.LogDebug("A GraphQL request was refused with {Status} {Code}: {Message}", status, code, message);
        return WriteErrorAsync(context, serializer, mediaType, status, code, message);
    }

    /// <summary>
    /// Writes an executed request's answer, at most GraphQL:Limits:MaxResponseBytes of JSON: it is serialized into a
    /// buffer that refuses to grow past the limit, and an answer that would is replaced by the error RESPONSE_TOO_LARGE
    /// (400 with graphql-response+json, 200 with application/json), so no answer is cut off mid-way.
    /// </summary>
    private async Task WriteAsync(HttpContext context, string mediaType, int status, ExecutionResult result, KeptAnswer? keep = null)
    {
        var maxBytes = limits.Value.MaxResponseBytes;
        using var buffer = new BoundedBuffer(maxBytes);
        try
        {
            await serializer.WriteAsync(buffer, result, context.RequestAborted);
        }
        catch (BoundedBuffer.FullException)
        {
            logger.LogWarning("A GraphQL answer was larger than {MaxBytes} bytes and was not sent", maxBytes);
            await WriteRequestErrorAsync(context, mediaType, mediaType == GraphQLMediaTypes.GraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
                "RESPONSE_TOO_LARGE", $"The answer is larger than the {maxBytes} bytes allowed; ask for less (smaller pages, fewer fields or nested lists).");
            return;
        }

        if (keep is not null)
        {
            cache.Keep(keep.Version, keep.Key, buffer.ToArray());
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = $"{mediaType}; charset=utf-8";
        context.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    /// <summary>A memory stream that throws <see cref="FullException"/> instead of growing past its limit.</summary>
    private sealed class BoundedBuffer(int maxBytes) : MemoryStream
    {
        public sealed class FullException : IOException;

        public override void Write(byte[] buffer, int offset, int count)
        {
            Check(count);
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Check(buffer.Length);
            base.Write(buffer);
        }

        public override void WriteByte(byte value)
        {
            Check(1);
            base.WriteByte(value);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Check(count);
            return base.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Check(buffer.Length);
            return base.WriteAsync(buffer, cancellationToken);
        }

        private void Check(int count)
        {
            if (Position + count > maxBytes)
            {
                throw new FullException();
            }
        }
    }

    /// <summary>A request refused before execution: the status, and a GraphQL response holding one error with its code.</summary>
    public static Task WriteErrorAsync(HttpContext context, IGraphQLTextSerializer serializer, string mediaType, int status, string code, string message) =>
        WriteAsync(context, serializer, mediaType, status, new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] });

    private static async Task WriteAsync(HttpContext context, IGraphQLTextSerializer serializer, string mediaType, int status, ExecutionResult result)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = $"{mediaType}; charset=utf-8";
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
