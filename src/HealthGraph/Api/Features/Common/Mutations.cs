using FluentValidation;
using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Common;

/// <summary>What every mutation does the same way: validate its input, know its writer, report its change.</summary>
public static class Mutations
{
    /// <summary>
    /// What is wrong with a mutation's input, by its FluentValidation validator: each failure with the input field's
    /// path (<c>input.source.excerpt</c>), a stable reason (<c>NOT_EMPTY</c>, <c>UNKNOWN_AGENCY</c>...) and a message that
    /// names the field. An edit reports them in its payload's <c>errors</c> (<see cref="ChangeFields.Refused{TPayload}"/>).
    /// </summary>
    public static async Task<IReadOnlyList<InputProblem>> InputProblemsAsync<T>(this IResolveFieldContext context, T input, string argument = "input")
    {
        var validator = context.RequestServices!.GetRequiredService<IValidator<T>>();
        var result = await validator.ValidateAsync(input, context.CancellationToken);
        return
        [
            .. result.Errors.Select(failure =>
            {
                var field = string.IsNullOrEmpty(failure.PropertyName) ? argument : $"{argument}.{FieldPath(failure.PropertyName)}";
                return new InputProblem(field, Reason(failure.ErrorCode), $"{field}: {failure.ErrorMessage}");
            }),
        ];
    }

    /// <summary>
    /// Who is making the change: the authenticated caller's name, which the credential gives (<c>key:...</c>,
    /// <c>token:...</c>, see <see cref="Web.Security.Callers"/>); mutations need an editor, see AccessRule.
    /// </summary>
    public static string Writer(this IResolveFieldContext context) =>
        context.User?.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    /// <summary>"Source.Excerpt" → "source.excerpt"; "OutcomeIds[1]" → "outcomeIds[1]".</summary>
    private static string FieldPath(string propertyName) =>
        string.Join('.', propertyName.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    /// <summary>"NotEmptyValidator" → "NOT_EMPTY"; custom codes ("UNKNOWN_AGENCY") stay as they are.</summary>
    private static string Reason(string errorCode)
    {
        if (errorCode.Contains('_', StringComparison.Ordinal) || errorCode.All(c => !char.IsLower(c)))
        {
            return errorCode;
        }

        var name = errorCode.EndsWith("Validator", StringComparison.Ordinal) ? errorCode[..^"Validator".Length] : errorCode;
        return string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]) ? $"_{c}" : c.ToString()))
            .ToUpperInvariant();
    }
}

/// <summary>A problem with one input field: its path, a stable reason and a message that names the field.</summary>
public sealed record InputProblem(string Field, string Reason, string Message);

/// <summary>What every edit's payload carries besides its entity: the change it made, or why it made none.</summary>
public interface IEditPayload
{
    /// <summary>What the store did; null when the edit wrote nothing (<see cref="Errors"/>).</summary>
    ChangeResult? Result { get; }

    /// <summary>Why nothing was written; empty on success.</summary>
    IReadOnlyList<EditError> Errors { get; }
}

/// <summary>
/// The fields every edit's payload ends with (errors, changed, change), and the one rule for where an edit reports its
/// problems.
/// </summary>
public static class ChangeFields
{
    public static void AddTo<TPayload>(ObjectGraphType<TPayload> payload, string entity)
        where TPayload : IEditPayload
    {
        payload.Field<NonNullGraphType<ListGraphType<NonNullGraphType<EditErrorUnion>>>>("errors")
            .Description($"Why nothing was written: each invalid input field, a conflict with the {entity} as it is now, or an entity that does not exist. Empty on success.")
            .Resolve(c => c.Source.Errors);
        payload.Field<NonNullGraphType<BooleanGraphType>>("changed")
            .Description("False when nothing changed: the graph already held exactly this (a repeated request), or errors.")
            .Resolve(c => c.Source.Result?.ChangedAnything ?? false);
        payload.Field<ChangeType>("change").Description("The change log entry: who, when, what (null when errors).").Resolve(c => c.Source.Result?.Entry);
    }

    /// <summary>
    /// Applies an edit's change, limited to the work the caller may change (<see cref="Web.Security.EditScope"/>); the store's refusal (a conflict with the version the editor read, a node gone) becomes
    /// the error the payload reports.
    /// </summary>
    public static async Task<(ChangeResult? Result, EditError? Error)> TryApplyAsync(this IResolveFieldContext context, GraphChange change)
    {
        try
        {
            var limited = change with { Limit = Web.Security.EditScope.LimitOf(context.User) };
            return (await context.Store().ApplyAsync(limited, context.CancellationToken), null);
        }
        catch (GraphChangeRejectedException refused)
        {
            return (null, EditErrors.From(refused, change.Subject));
        }
    }

    /// <summary>
    /// The answer of an edit that wrote nothing. A request that selects the payload's <c>errors</c> gets the payload with
    /// them; one that does not (a client written before payloads had errors) gets null and each error as a top-level
    /// error with its code and field, exactly as before, so that no such client misses a refusal.
    /// </summary>
    public static TPayload? Refused<TPayload>(this IResolveFieldContext context, TPayload payload)
        where TPayload : class, IEditPayload
    {
        if (context.SubFields?.Values.Any(f => f.FieldType.Name == "errors") == true)
        {
            return payload;
        }

        foreach (var error in payload.Errors)
        {
            context.Errors.Add(error.ToTopLevel(context.Path));
        }

        return null;
    }
}

/// <summary>A change log entry as the API shows it.</summary>
public sealed class ChangeType : ObjectGraphType<ChangeLogEntry>
{
    public ChangeType()
    {
        Name = "Change";
        Description = "A recorded change: who made it, when, and what it did.";
        Field<NonNullGraphType<IntGraphType>>("sequence").Description("Its place in the change log (increasing).").Resolve(c => checked((int)c.Source.Sequence));
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("at").Description("When it was made.").Resolve(c => c.Source.At);
        Field<NonNullGraphType<StringGraphType>>("by").Description("Who made it.").Resolve(c => c.Source.Writer);
        Field<NonNullGraphType<StringGraphType>>("operation").Description("The mutation, such as 'upsertDeliverable'.").Resolve(c => c.Source.Operation);
        Field<NonNullGraphType<StringGraphType>>("subject").Description("The id of the entity it was about.").Resolve(c => c.Source.Subject);
        Field<EntityInterface>("entity").Description("The entity it was about, as it is now (null when it has been deleted since).").Resolve(c => c.Loaders().Node(c.Source.Subject));
        Field<NonNullGraphType<IntGraphType>>("created").Description("Entities and relationships it created.").Resolve(c => checked((int)c.Source.Created));
        Field<NonNullGraphType<IntGraphType>>("updated").Description("Entities and relationships it changed.").Resolve(c => checked((int)c.Source.Updated));
        Field<NonNullGraphType<IntGraphType>>("removed").Description("Relationships it removed.").Resolve(c => checked((int)c.Source.Removed));
        Field<ListGraphType<NonNullGraphType<FieldChangeType>>>("fieldChanges")
            .Description("The fields of the entity it changed, each with its value before and after (null for a change recorded before the log kept them).")
            .Resolve(c => c.Source.Details?.Fields);
        Field<ListGraphType<NonNullGraphType<LinkChangeType>>>("linksAdded")
            .FirstArgument("relationships, by type, direction and the other end's id", Engine.Relay.NodeConnections.DefaultPageSize, RangeArguments.MaxListed)
            .Description("The relationships of the entity it made, of the kinds it changed, the first by type, direction and the other end's id (null for a change recorded before the log kept them).")
            .Resolve(c => c.Source.Details?.Added.Take(c.First(RangeArguments.MaxListed)).ToList());
        Field<ListGraphType<NonNullGraphType<LinkChangeType>>>("linksRemoved")
            .FirstArgument("relationships, by type, direction and the other end's id", Engine.Relay.NodeConnections.DefaultPageSize, RangeArguments.MaxListed)
            .Description("The relationships of the entity it removed, the first by type, direction and the other end's id (null for a change recorded before the log kept them).")
            .Resolve(c => c.Source.Details?.Removed.Take(c.First(RangeArguments.MaxListed)).ToList());
    }
}

public sealed class FieldChangeType : ObjectGraphType<FieldChange>
{
    public FieldChangeType()
    {
        Name = "FieldChange";
        Description = "A field a change altered: its value before and after, as text (a list joined by '; ').";
        Field<NonNullGraphType<StringGraphType>>("field").Description("The field, as the store names it: 'name', 'title', 'status', 'year', 'items'...").Resolve(c => c.Source.Field);
        Field<StringGraphType>("before").Description("Its value before (null: it had none).").Resolve(c => c.Source.Before);
        Field<StringGraphType>("after").Description("Its value after (null: it has none).").Resolve(c => c.Source.After);
    }
}

public sealed class LinkChangeType : ObjectGraphType<LinkChange>
{
    public LinkChangeType()
    {
        Name = "LinkChange";
        Description = "A relationship a change made or removed at the entity.";
        Field<NonNullGraphType<RelationshipTypeEnum>>("type").Description("Its type.").Resolve(c => c.Source.Type);
        Field<NonNullGraphType<BooleanGraphType>>("outgoing").Description("True when it starts at the entity, false when it ends there.").Resolve(c => c.Source.Outgoing);
        Field<NonNullGraphType<IdGraphType>>("otherId").Description("The id of the entity at its other end.").Resolve(c => c.Source.OtherId);
        Field<EntityInterface>("other").Description("The entity at its other end, as it is now (null when it has been deleted since).").Resolve(c => c.Loaders().Node(c.Source.OtherId));
    }
}

/// <summary>The "whole state" rule of upserts for a node's outgoing relationship sets.</summary>
public static class RelationshipSets
{
    /// <summary>
    /// For each (type, ids): a list replaces the node's relationships of that type (an empty list removes them all);
    /// null leaves them as they are. Adds the removals and the new relationships to the change being built.
    /// </summary>
    public static void Replace(
        string nodeId,
        Graph.Provenance provenance,
        List<Graph.GraphRelationship> relationships,
        List<RelationshipRemoval> removals,
        params (string Type, IReadOnlyList<string>? Ids)[] sets)
    {
        foreach (var (type, ids) in sets)
        {
            if (ids is null)
            {
                continue;
            }

            removals.Add(new RelationshipRemoval(nodeId, type, Direction.Outgoing));
            relationships.AddRange(ids.Distinct().Select(id => new Graph.GraphRelationship(type, nodeId, id, Graph.GraphRelationship.NoProperties, provenance)));
        }
    }
}
