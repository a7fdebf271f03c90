using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using GraphQL.Utilities;

namespace HealthGraph.Api;

/// <summary>
/// What graphql-js's standard introspection query asks for with every option on (GraphiQL, GraphQL Code Generator, IDE
/// plugins) and graphql-dotnet 8.8.5 lacks even with its schema features on: <c>specifiedByURL</c> on <c>__Type</c>
/// (GraphQL, October 2021, 4.2.2) and <c>includeDeprecated</c> on <c>__Directive.args</c> (the working draft).
/// </summary>
public sealed class IntrospectionAdditions : BaseSchemaNodeVisitor
{
    public const string SpecifiedByUrl = "specifiedByURL";
    public const string IncludeDeprecated = "includeDeprecated";

    public override void VisitObject(IObjectGraphType type, ISchema schema)
    {
        switch (type.Name)
        {
            case "__Type" when !type.HasField(SpecifiedByUrl):
                // No scalar of this schema names a specification, so it is null for every type.
                type.AddField(new FieldType
                {
                    Name = SpecifiedByUrl,
                    Description = "The address of the specification of a custom scalar's data format; null for every other type, and for scalars that name none.",
                    ResolvedType = schema.AllTypes["String"],
                    Resolver = new FuncFieldResolver<object?>(_ => null),
                });
                break;
            case "__Directive" when type.GetField("args") is { } args && args.Arguments?.Find(IncludeDeprecated) is null:
                args.Arguments ??= new QueryArguments();
                args.Arguments.Add(new QueryArgument(schema.AllTypes["Boolean"]!)
                {
                    Name = IncludeDeprecated,
                    Description = "Whether deprecated arguments are listed too.",
                    DefaultValue = false,
                });
                var all = args.Resolver!;
                args.Resolver = new FuncFieldResolver<object?>(async context =>
                {
                    var arguments = await all.ResolveAsync(context);
                    return context.GetArgument<bool>(IncludeDeprecated) || arguments is not IEnumerable<QueryArgument> listed
                        ? arguments
                        : listed.Where(a => a.DeprecationReason is null).ToList();
                });
                break;
        }
    }
}
