using FluentValidation;
using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Errors;
using HealthGraph.Store;

namespace HealthGraph.Api.Common;

/// <summary>What every mutation does the same way: validate its input, know its writer, report its change.</summary>
public static class Mutations
{
    /// <summary>
    /// Validates a mutation's input with its FluentValidation validator. Each failure becomes one GraphQL error
    /// with code <c>INVALID_INPUT</c>, the input field's path (<c>input.source.excerpt</c>) and a stable reason
    /// (<c>NOT_EMPTY</c>, <c>UNKNOWN_AGENCY</c>...). Returns false (and the resolver writes nothing) on any failure.
    /// </summary>
    public static async Task<bool> ValidateAsync<T>(this IResolveFieldContext context, T input, string argument = "input")
    {
        var problems = await context.InputProblemsAsync(input, argument);
        foreach (var problem in problems)
        {
            context.Errors.Add(new ApiError(ErrorCodes.InvalidInput, problem.Message, problem.Field, problem.Reason) { Path = context.Path });
        }

        return problems.Count == 0;
    }

    /// <summary>
    /// What is wrong with a mutation's input, by its FluentValidation validator: each failure with the input field's
    /// path (<c>input.source.excerpt</c>), a stable reason (<c>NOT_EMPTY</c>, <c>UNKNOWN_AGENCY</c>...) and a message that
    /// names the field. The one rule for both ways a mutation reports them: top-level errors (<see cref="ValidateAsync{T}"/>)
    /// or its payload's <c>errors</c>.
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
    /// <c>token:...</c>, see <see cref="Security.Callers"/>); mutations need an editor, see AccessRule.
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

/// <summary>The fields every mutation payload ends with: whether anything changed, and the change log entry.</summary>
public static class ChangeFields
{
    public static void AddTo<TPayload>(ObjectGraphType<TPayload> payload, Func<TPayload, ChangeResult> result)
    {
        payload.Field<NonNullGraphType<BooleanGraphType>>("changed")
            .Description("False when the graph already held exactly this (a repeated request).")
            .Resolve(c => result(c.Source).ChangedAnything);
        payload.Field<NonNullGraphType<ChangeType>>("change").Description("The change log entry: who, when, what.").Resolve(c => result(c.Source).Entry);
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
