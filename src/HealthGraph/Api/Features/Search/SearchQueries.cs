using GraphQL;
using GraphQL.Types;
using HealthGraph.Api.Engine.Errors;
using HealthGraph.Api.Features.Common;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Search;

/// <summary>A search hit.</summary>
public sealed class SearchResultType : ObjectGraphType<SearchHit>
{
    public SearchResultType()
    {
        Name = "SearchResult";
        Description = "An entity that matches a search, with its relevance and the matching passage.";
        Field<NonNullGraphType<EntityInterface>>("entity").Description("The matching entity.").Resolve(c => c.Source.Node);
        Field<NonNullGraphType<FloatGraphType>>("score").Description("Relevance (higher is better; names count more than descriptions).").Resolve(c => c.Source.Score);
        Field<NonNullGraphType<StringGraphType>>("snippet")
            .Description("The passage that matches, with the matching words between « and ».")
            .Resolve(c => c.Source.Snippet);
    }
}

public static class SearchQueries
{
    public const int MaxResults = 100;

    public static void AddSearchQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<SearchResultType>>>>("search")
            .Description("Full-text search across organizations, deliverables, outcomes, themes, SDG goals, targets and indicators and documents, best match first. Every word must match, the last one as the beginning of a word (so results follow typing); operators and quotes in the text are ordinary characters.")
            .Argument<NonNullGraphType<StringGraphType>>("text", "The words to look for, such as \"health workforce\".")
            .Argument<ListGraphType<NonNullGraphType<EntityKindEnum>>>("kinds", "Only entities of these kinds (default: all).")
            .Argument<NonNullGraphType<IntGraphType>>("first", $"At most this many results (1 to {MaxResults}).", a => a.DefaultValue = 20)
            .ResolveAsync(async c =>
            {
                var first = c.GetArgumentInRange("first", 1, MaxResults);

                var text = c.GetArgument<string>("text");
                if (text.Length > 500)
                {
                    throw new ApiError(ErrorCodes.InvalidInput, $"'text' may be at most 500 characters (it was {text.Length}).", "text", "TOO_LONG");
                }

                return await c.Store().SearchAsync(new SearchQuery(text, c.GetArgument<List<string>?>("kinds"), first), c.CancellationToken);
            });
}
