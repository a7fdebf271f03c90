namespace HealthGraph.Graph;

/// <summary>
/// The names of nodes' own properties: the one home of each name, for every writer (the seed, IATI, edits) and reader
/// (the API, exports, the stores' filters). A GraphQL field or an export column may carry the same word; it names the
/// field, this names what is stored.
/// </summary>
public static class NodeProperties
{
    public const string Kind = "kind";
    public const string Title = "title";
    public const string Items = "items";
    public const string Status = "status";
    public const string StatusLabel = "statusLabel";
    public const string Year = "year";
    public const string Country = "country";
    public const string Note = "note";
    public const string Code = "code";
    public const string ShortName = "shortName";
    public const string Description = "description";
    public const string OriginalLabel = "originalLabel";
    public const string Aliases = "aliases";
    public const string Level = "level";
    public const string Statement = "statement";
    public const string Amounts = "amounts";
    public const string Partnership = "partnership";

    /// <summary>An SDG goal's, target's or indicator's place in the official framework's order (1, 2, ...).</summary>
    public const string Position = "position";

    /// <summary>A place's ISO 3166-2 code (a region: TJ-SU).</summary>
    public const string IsoCode = "isoCode";

    /// <summary>Where a gazetteer place's ISO 3166-2 code comes from: the document and the words that give it.</summary>
    public const string IsoCodeDocument = "isoCodeDocument";
    public const string IsoCodeExcerpt = "isoCodeExcerpt";

    /// <summary>Where a gazetteer place's other names (<see cref="Aliases"/>) come from: the document and the words that give them.</summary>
    public const string AliasesDocument = "aliasesDocument";
    public const string AliasesExcerpt = "aliasesExcerpt";

    /// <summary>The date a place's code is valid from (YYYY-MM-DD), as the gazetteer gives it.</summary>
    public const string ValidFrom = "validFrom";

    /// <summary>When work is planned to start and end, and when it did (IATI's activity dates; a workbook's start and end).</summary>
    public const string PlannedStartDate = "plannedStartDate";
    public const string ActualStartDate = "actualStartDate";
    public const string PlannedEndDate = "plannedEndDate";
    public const string ActualEndDate = "actualEndDate";

    /// <summary>The first and last day of the period the work runs (<see cref="WorkPeriod"/>: written by it alone).</summary>
    public const string PeriodStart = "periodStart";
    public const string PeriodEnd = "periodEnd";

    /// <summary>For an IATI record: 1 when the amount totals count it, 0 when another publisher's record of the same activity stands for it.</summary>
    public const string IatiCountedInTotals = "iatiCountedInTotals";
}

/// <summary>A deliverable's own properties, made the same way by every writer: the seed, the IATI import and both edits.</summary>
public static class DeliverableNode
{
    public static GraphNode Create(
        string id, string title, Provenance provenance, string? kind, IReadOnlyList<string>? items, string? status, string? statusLabel, int? year, string? country, string? note) =>
        GraphNode.Create(id, NodeLabels.Deliverable, title, provenance,
            (NodeProperties.Kind, kind), (NodeProperties.Title, title), (NodeProperties.Items, items), (NodeProperties.Status, status),
            (NodeProperties.StatusLabel, statusLabel), (NodeProperties.Year, year), (NodeProperties.Country, country), (NodeProperties.Note, note));
}
