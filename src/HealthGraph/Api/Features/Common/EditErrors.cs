using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Common;

/// <summary>
/// A problem an edit reports in its payload's <c>errors</c>, where a form can show it at its field (as Shopify's
/// <c>userErrors</c> and Hot Chocolate's mutation conventions do); top-level errors stay for request-level failures.
/// <see cref="Code"/> is the code the same problem has as a top-level error (<see cref="ErrorCodes"/>).
/// </summary>
public abstract record EditError(string Code, string Message)
{
    /// <summary>The same problem as a top-level error at <paramref name="path"/>: its code, message and (for input) field and reason.</summary>
    public ApiError ToTopLevel(IEnumerable<object> path) =>
        new(Code, Message, (this as InvalidInputError)?.Field, (this as InvalidInputError)?.Reason) { Path = path };
}

/// <summary>An input field the edit cannot accept.</summary>
public sealed record InvalidInputError(string Message, string Field, string Reason) : EditError(ErrorCodes.InvalidInput, Message)
{
    public static InvalidInputError From(InputProblem problem) => new(problem.Message, problem.Field, problem.Reason);
}

/// <summary>The entity changed since the editor read it, or exists when the edit creates it.</summary>
public sealed record ConflictError(string Message, string Id, WriteStamp? Current) : EditError(ErrorCodes.Conflict, Message);

/// <summary>The entity the edit names does not exist (any more).</summary>
public sealed record NotFoundError(string Message, string Id) : EditError(ErrorCodes.NotFound, Message);

/// <summary>The entity is not the caller's to change: another organisation's work (<see cref="EditLimit"/>).</summary>
public sealed record ForbiddenError(string Message, string Id) : EditError(ErrorCodes.Forbidden, Message);

/// <summary>The store's refusal of a change, as the error an edit's payload reports.</summary>
public static class EditErrors
{
    public static EditError From(GraphChangeRejectedException refused, string id) => refused switch
    {
        GraphChangeConflictException { Expectation.Exists: true, Current: null } missing => new NotFoundError(missing.Message, missing.Expectation.Id),
        GraphChangeConflictException conflict => new ConflictError(conflict.Message, conflict.Expectation.Id, conflict.Current),
        GraphChangeForbiddenException forbidden => new ForbiddenError(forbidden.Message, forbidden.Subject),
        _ => new ConflictError(refused.Message, id, null),
    };
}

public sealed class EditErrorInterface : InterfaceGraphType<EditError>
{
    public EditErrorInterface()
    {
        Name = "UserError";
        Description = "A problem with an edit that a form can show: what is wrong, in words, and a stable code (the same code as the top-level error of the same problem).";
        Field<NonNullGraphType<StringGraphType>>("message").Description("What is wrong, naming the field or entity.");
        Field<NonNullGraphType<StringGraphType>>("code").Description("INVALID_INPUT, CONFLICT, NOT_FOUND or FORBIDDEN.");
    }
}

/// <summary>The fields of every error type, declared once.</summary>
internal static class EditErrorFields
{
    public static void AddTo<T>(ObjectGraphType<T> type)
        where T : EditError
    {
        type.Interface<EditErrorInterface>();
        type.IsTypeOf = source => source is T;
        type.Field<NonNullGraphType<StringGraphType>>("message").Description("What is wrong, naming the field or entity.").Resolve(c => c.Source.Message);
        type.Field<NonNullGraphType<StringGraphType>>("code").Description("INVALID_INPUT, CONFLICT, NOT_FOUND or FORBIDDEN.").Resolve(c => c.Source.Code);
    }
}

public sealed class InvalidInputErrorType : ObjectGraphType<InvalidInputError>
{
    public InvalidInputErrorType()
    {
        Name = "InvalidInputError";
        Description = "An input field the edit cannot accept; nothing was written.";
        EditErrorFields.AddTo(this);
        Field<NonNullGraphType<StringGraphType>>("field").Description("The input field's path, such as 'input.title' or 'input.themeIds[1]'.").Resolve(c => c.Source.Field);
        Field<NonNullGraphType<StringGraphType>>("reason").Description("The rule it breaks, such as NOT_EMPTY, UNKNOWN_THEME or OWNED_BY_IMPORT.").Resolve(c => c.Source.Reason);
    }
}

public sealed class ConflictErrorType : ObjectGraphType<ConflictError>
{
    public ConflictErrorType()
    {
        Name = "ConflictError";
        Description = "The entity changed since you read it (or exists, when you create it); nothing was written. Read it again, and make your edit on what it is now.";
        EditErrorFields.AddTo(this);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The entity's id.").Resolve(c => c.Source.Id);
        Field<AuditType>("current").Description("Its audit as it is now: pass its updatedAt as expectedUpdatedAt to edit this version.").Resolve(c => c.Source.Current);
    }
}

public sealed class NotFoundErrorType : ObjectGraphType<NotFoundError>
{
    public NotFoundErrorType()
    {
        Name = "NotFoundError";
        Description = "The entity the edit names does not exist (perhaps another editor deleted it); nothing was written.";
        EditErrorFields.AddTo(this);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The id that was not found.").Resolve(c => c.Source.Id);
    }
}

public sealed class ForbiddenErrorType : ObjectGraphType<ForbiddenError>
{
    public ForbiddenErrorType()
    {
        Name = "ForbiddenError";
        Description = "The entity is another organisation's work (or would be after the edit), and the caller edits the work of its own organisations only; nothing was written.";
        EditErrorFields.AddTo(this);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The entity's id.").Resolve(c => c.Source.Id);
    }
}

public sealed class EditErrorUnion : UnionGraphType
{
    public EditErrorUnion()
    {
        Name = "EditError";
        Description = "Why an edit wrote nothing: an input field it cannot accept, a conflict with the entity as it is now, an entity that does not exist, or one that is not the caller's to change.";
        Type<InvalidInputErrorType>();
        Type<ConflictErrorType>();
        Type<NotFoundErrorType>();
        Type<ForbiddenErrorType>();
    }
}
