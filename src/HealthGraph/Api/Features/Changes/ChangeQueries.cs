using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Features.Common;
using HealthGraph.Web.Security;

namespace HealthGraph.Api.Features.Changes;

public static class ChangeQueries
{
    /// <summary>The change log: every write, who made it and when. Editors only (it names the people who edit).</summary>
    public static void AddChangeQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ChangeType>>>>("changes")
            .Description("The change log, newest first: every write, who made it and when, and what it changed, before and after; with subject, one entity's history. For editors only. Page back with 'before' (the last sequence you have).")
            .Argument<IntGraphType>("first", "How many entries (1 to the page size limit, 100 by default; 25 when not given).")
            .Argument<IntGraphType>("before", "Only entries older than this sequence number.")
            .Argument<IdGraphType>("subject", "Only the changes about this entity: its history, such as \"who-hwf-strategy\".")
            .AuthorizeWithRoles(Roles.Editing)
            .ResolveAsync(async c =>
            {
                var maxPageSize = c.Limits().MaxPageSize;
                var first = c.GetArgument<int?>("first") ?? Engine.Relay.NodeConnections.DefaultPageSize;
                if (first < 1 || first > maxPageSize)
                {
                    throw new ApiError(ErrorCodes.InvalidInput, $"'first' must be between 1 and {maxPageSize} (it was {first}).", "first", "PAGE_SIZE");
                }

                return await c.Store().GetChangesAsync(first, c.GetArgument<int?>("before"), c.GetArgument<string?>("subject"), c.CancellationToken);
            });
}
