using FluentValidation;
using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Engine.Relay;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Web.Security;
using Microsoft.Extensions.Options;

namespace HealthGraph.Api.Features.ApiKeys;

/// <summary>A key an administrator issues: whose it is, its role, and for an editor the organisations whose work it changes.</summary>
public sealed record IssueApiKeyInput
{
    public string Name { get; init; } = "";

    public string Role { get; init; } = Roles.Editor;

    public IReadOnlyList<string>? OrganizationIds { get; init; }
}

public sealed class IssueApiKeyInputValidator : AbstractValidator<IssueApiKeyInput>
{
    /// <summary>What a key's name may be: it is recorded with every change made with the key (key:{name}).</summary>
    public const string NamePattern = "^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$";

    public IssueApiKeyInputValidator(IGraphStore store, IOptionsMonitor<AccessOptions> access)
    {
        RuleFor(x => x.Name).Matches(NamePattern).WithErrorCode("INVALID_NAME")
            .WithMessage("'{PropertyValue}' cannot name a key: use 1 to 100 letters, digits, '.', '_', '@' and '-', starting with a letter or digit.");
        RuleFor(x => x.Name).Must(name => access.CurrentValue.ApiKeys.All(k => !string.Equals(k.Name, name, StringComparison.Ordinal)))
            .WithErrorCode("NAME_TAKEN").WithMessage("'{PropertyValue}' is the name of a key in the server's configuration (Auth:ApiKeys).");
        RuleFor(x => x.Role).Must(role => role is Roles.Editor or Roles.Administrator).WithErrorCode("UNKNOWN_ROLE")
            .WithMessage($"'{{PropertyValue}}' is not a role: use {Roles.Editor} or {Roles.Administrator}.");
        RuleFor(x => x.OrganizationIds).NotEmpty().When(x => x.Role == Roles.Editor).WithErrorCode("NO_ORGANIZATION")
            .WithMessage("An editor's key names at least one organization: the editor changes their work only.");
        RuleFor(x => x).CustomAsync(async (input, context, cancellationToken) =>
            await References.CheckAsync(store, context, null, null, [("OrganizationIds", input.OrganizationIds, NodeLabels.Organization)], cancellationToken));
    }
}

/// <summary>
/// Issuing, listing and revoking keys: the one home of what an issued key is, used by the API and by
/// <c>healthgraph apikey issue|list|revoke</c>.
/// </summary>
public static class ApiKeyIssuing
{
    /// <summary>Makes a key for a valid <paramref name="input"/> and keeps its hash; the key itself is returned once and kept nowhere.</summary>
    public static async Task<(string? Key, StoredApiKey? Stored, EditError? Error)> IssueAsync(
        IApiKeyStore keys, IssueApiKeyInput input, string issuedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var key = Web.Security.ApiKeys.Create();
        var stored = new StoredApiKey(
            input.Name, Web.Security.ApiKeys.Hash(key), [input.Role],
            input.Role == Roles.Administrator ? [] : [.. (input.OrganizationIds ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            at, issuedBy);
        return await keys.AddApiKeyAsync(stored, cancellationToken)
            ? (key, stored, null)
            : (null, null, new InvalidInputError($"input.name: there is a key named '{input.Name}' already (revoked keys keep their names: changes are recorded under them).", "input.name", "NAME_TAKEN"));
    }
}

public sealed class ApiKeyType : ObjectGraphType<StoredApiKey>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "An API key an administrator issued (the key itself is kept nowhere, only its SHA-256). Keys in the server's configuration are not listed.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("Whose key it is; changes made with it are recorded as 'key:<name>'.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Description("Its roles: editor or administrator.").Resolve(c => c.Source.Roles);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("organizationIds")
            .Description("The organizations whose work an editor's key changes (empty for an administrator's, which changes any).").Resolve(c => c.Source.Organisations);
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("createdAt").Description("When it was issued.").Resolve(c => c.Source.CreatedAt);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Description("Who issued it.").Resolve(c => c.Source.CreatedBy);
        Field<DateTimeOffsetGraphType>("revokedAt").Description("When it was revoked; null while it works.").Resolve(c => c.Source.RevokedAt);
        Field<StringGraphType>("revokedBy").Description("Who revoked it; null while it works.").Resolve(c => c.Source.RevokedBy);
    }
}

public sealed record ApiKeyPayload(string? Key, StoredApiKey? ApiKey, IReadOnlyList<EditError> Errors);

public sealed class ApiKeyPayloadType : ObjectGraphType<ApiKeyPayload>
{
    public ApiKeyPayloadType()
    {
        Name = "ApiKeyPayload";
        Description = "A key after it was issued or revoked. When errors is not empty, nothing was done, and key and apiKey are null.";
        Field<StringGraphType>("key").Description("The new key, shown this once (issueApiKey only): give it to its owner; the server keeps only its hash.").Resolve(c => c.Source.Key);
        Field<ApiKeyType>("apiKey").Description("The key's record as it now is (null when errors).").Resolve(c => c.Source.ApiKey);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<EditErrorUnion>>>>("errors").Description("Why nothing was done; empty on success.").Resolve(c => c.Source.Errors);
    }
}

public sealed class IssueApiKeyInputType : InputObjectGraphType<IssueApiKeyInput>
{
    public IssueApiKeyInputType()
    {
        Name = "IssueApiKeyInput";
        Description = "A new key: whose it is, its role, and for an editor the organizations whose work it changes.";
        Field(x => x.Name).Description("Whose key it is, unique and never reused (letters, digits, '.', '_', '@', '-'), such as 'who-focal-point'.");
        Field(x => x.Role, type: typeof(NonNullGraphType<KeyRoleEnum>)).Description("What it may do.");
        Field(x => x.OrganizationIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("For an editor: the organizations whose work it changes (at least one).");
    }
}

public sealed class KeyRoleEnum : EnumerationGraphType
{
    public KeyRoleEnum()
    {
        Name = "KeyRole";
        Description = "What a key may do.";
        Add("EDITOR", Roles.Editor, "Changes the work of its organizations, adds organizations and source documents, reads the change log.");
        Add("ADMINISTRATOR", Roles.Administrator, "Changes everything, imports workbooks, and issues, lists and revokes keys.");
    }
}

public static class ApiKeyQueries
{
    public static void AddApiKeyQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ApiKeyType>>>>("apiKeys")
            .Description("The keys administrators issued, revoked ones included, by name. For administrators only. Page on with 'after' (the last name you have).")
            .FirstArgument("keys", NodeConnections.DefaultPageSize, NodeConnections.MaxPageSize)
            .Argument<StringGraphType>("after", "Only keys whose name sorts after this one.")
            .AuthorizeWithRoles(Roles.Administrator)
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<IApiKeyStore>()
                .GetApiKeysAsync(c.First(NodeConnections.MaxPageSize), c.GetArgument<string?>("after"), c.CancellationToken));
}

public static class ApiKeyMutations
{
    public static void AddApiKeyMutations(this ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ApiKeyPayloadType>>("issueApiKey")
            .Description("Issues a key and answers it once; the server keeps only its hash. For administrators only.")
            .Argument<NonNullGraphType<IssueApiKeyInputType>>("input", "Whose key, its role and organizations.")
            .AuthorizeWithRoles(Roles.Administrator)
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<IssueApiKeyInput>("input");
                if (await c.InputProblemsAsync(input) is { Count: > 0 } problems)
                {
                    return new ApiKeyPayload(null, null, [.. problems.Select(InvalidInputError.From)]);
                }

                var services = c.RequestServices!;
                var (key, stored, error) = await ApiKeyIssuing.IssueAsync(
                    services.GetRequiredService<IApiKeyStore>(), input, c.Writer(), services.GetRequiredService<TimeProvider>().GetUtcNow(), c.CancellationToken);
                return new ApiKeyPayload(key, stored, error is null ? [] : [error]);
            });

        mutation.Field<NonNullGraphType<ApiKeyPayloadType>>("revokeApiKey")
            .Description("Revokes a key: it is refused from its next request on. Revoking a revoked key changes nothing. For administrators only.")
            .Argument<NonNullGraphType<StringGraphType>>("name", "The key's name.")
            .AuthorizeWithRoles(Roles.Administrator)
            .ResolveAsync(async c =>
            {
                var name = c.GetArgument<string>("name");
                var services = c.RequestServices!;
                var revoked = await services.GetRequiredService<IApiKeyStore>().RevokeApiKeyAsync(
                    name, c.Writer(), services.GetRequiredService<TimeProvider>().GetUtcNow(), c.CancellationToken);
                return revoked is null
                    ? new ApiKeyPayload(null, null, [new NotFoundError($"There is no issued key named '{name}' (keys in the server's configuration are revoked there).", name)])
                    : new ApiKeyPayload(null, revoked, []);
            });
    }
}
