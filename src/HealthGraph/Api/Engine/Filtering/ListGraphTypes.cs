namespace HealthGraph.Api.Engine.Filtering;

/// <summary>A list of one kind of entity, described by its <see cref="NodeListDefinition"/>.</summary>
public interface IListDefinition
{
    static abstract NodeListDefinition Definition { get; }
}

/// <summary>The <c>where</c> input of a list.</summary>
public sealed class NodeFilterInputType<TList>() : NodeFilterInputType(TList.Definition)
    where TList : IListDefinition;

/// <summary>The fields a list can be ordered by.</summary>
public sealed class NodeOrderFieldEnum<TList>() : NodeOrderFieldEnum(TList.Definition)
    where TList : IListDefinition;

/// <summary>An <c>orderBy</c> entry of a list.</summary>
public sealed class NodeOrderInputType<TList>() : NodeOrderInputType(TList.Definition, typeof(NodeOrderFieldEnum<TList>))
    where TList : IListDefinition;
