using System.Text.Json;
using System.Text.Json.Serialization;

namespace HealthGraph.Ingest.Seed;

// The curated seed files, record by record, exactly as reviewers read them. Every property is nullable so that a
// missing field is reported by the validators (with file, record and field) instead of failing deserialisation.

/// <summary>A record of one seed file; <see cref="UnknownFields"/> catches misspelt field names.</summary>
public abstract record SeedRecord
{
    public string? Id { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownFields { get; init; }
}

/// <summary>Where a fact comes from. STATED needs document and excerpt; INFERRED needs a reason.</summary>
public sealed record ProvenanceRecord(string? Basis, string? Document, string? Excerpt, string? Reason);

/// <summary>A link to another record; without provenance it inherits its record's (stated) provenance.</summary>
public sealed record LinkRecord(string? Id, ProvenanceRecord? Provenance);

public sealed record DocumentRecord : SeedRecord
{
    public string? File { get; init; }
    public string? Title { get; init; }
    public string? Publisher { get; init; }

    /// <summary>Where the document shows who published it (verbatim), the provenance of its PUBLISHED_BY link.</summary>
    public string? PublisherExcerpt { get; init; }
    public string? PublisherName { get; init; }
    public string? Kind { get; init; }
    public string? Language { get; init; }
    public string? Description { get; init; }
}

public sealed record OrganizationRecord : SeedRecord
{
    public string? Name { get; init; }
    public string? ShortName { get; init; }
    public string? Kind { get; init; }
    public IReadOnlyList<string>? Aliases { get; init; }
    public LinkRecord? PartOf { get; init; }
    public string? MemberStateSince { get; init; }
    public int? ActiveProjectCount { get; init; }
    public int? ThematicServiceAreaCount { get; init; }
    public string? StaffCount { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<LinkRecord>? Themes { get; init; }

    /// <summary>What the organization does in the sector, each in a source's words, with the public page that confirms it.</summary>
    public IReadOnlyList<RoleRecord>? Roles { get; init; }
    public ProvenanceRecord? Provenance { get; init; }
}

/// <summary>
/// An organization's role, quoted verbatim from <see cref="Document"/> (so it is its own excerpt), and the public page that
/// confirms it (<see cref="ConfirmedBy"/>).
/// </summary>
public sealed record RoleRecord(string? Role, string? ConfirmedBy, string? Document);

public sealed record FrameworkRecord : SeedRecord
{
    public string? Name { get; init; }
    public string? ManagedBy { get; init; }
    public string? Description { get; init; }
    public string? Note { get; init; }
    public ProvenanceRecord? Provenance { get; init; }
}

public sealed record IndicatorRecord : SeedRecord
{
    public string? Framework { get; init; }
    public string? Code { get; init; }
    public string? Title { get; init; }
    public ProvenanceRecord? Provenance { get; init; }
}

public sealed record OutcomeRecord : SeedRecord
{
    public string? Framework { get; init; }
    public string? Level { get; init; }
    public string? Code { get; init; }
    public string? Statement { get; init; }
    public string? Description { get; init; }
    public string? Status { get; init; }
    public string? StatusLabel { get; init; }
    public int? Year { get; init; }

    /// <summary>How the source classifies the partnership behind the outcome, in its words; quoted by the outcome's excerpt.</summary>
    public string? Partnership { get; init; }

    public IReadOnlyList<LinkRecord>? ContributesTo { get; init; }
    public IReadOnlyList<LinkRecord>? Indicators { get; init; }
    public IReadOnlyList<LinkRecord>? Themes { get; init; }
    public ProvenanceRecord? Provenance { get; init; }
}

public sealed record DeliverableRecord : SeedRecord
{
    public string? Kind { get; init; }
    public string? Agency { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<string>? Items { get; init; }
    public string? Status { get; init; }
    public string? StatusLabel { get; init; }
    public int? Year { get; init; }
    public string? Country { get; init; }
    public string? Note { get; init; }
    public IReadOnlyList<LinkRecord>? Outcomes { get; init; }
    public IReadOnlyList<LinkRecord>? Counterparts { get; init; }
    public IReadOnlyList<LinkRecord>? Themes { get; init; }

    /// <summary>Where the work happens: countries, regions, districts or sites.</summary>
    public IReadOnlyList<LinkRecord>? Places { get; init; }
    public ProvenanceRecord? Provenance { get; init; }
}

/// <summary>
/// A place the gazetteer (<see cref="PlaceRow"/>) does not hold, such as a country or a site a source names; or, for a
/// place the gazetteer holds, its ISO 3166-2 code (then only <see cref="IsoCode"/> and the provenance that quotes it).
/// </summary>
public sealed record PlaceRecord : SeedRecord
{
    public string? Name { get; init; }
    public string? Level { get; init; }
    public string? Code { get; init; }
    public string? IsoCode { get; init; }

    /// <summary>Other names a source gives the place (a city renamed, a name also written otherwise), each quoted by its excerpt.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }
    public LinkRecord? PartOf { get; init; }
    public ProvenanceRecord? Provenance { get; init; }
}

public sealed record ThemeRecord : SeedRecord
{
    public string? Name { get; init; }
    public string? OriginalLabel { get; init; }
    public string? Language { get; init; }
    public string? Description { get; init; }
    public ProvenanceRecord? Provenance { get; init; }
}

/// <summary>An alignment of an outcome or deliverable with an SDG target or goal. It has no id of its own.</summary>
public sealed record AlignmentRecord : SeedRecord
{
    public string? From { get; init; }
    public string? To { get; init; }
    public ProvenanceRecord? Provenance { get; init; }
}

/// <summary>
/// One row of the gazetteer (OCHA's p-codes: admin level 1 a region, 2 a district or city), with the raw line as its
/// provenance excerpt; <see cref="ParentCode"/> is the region's p-code, or the country's code for a region.
/// </summary>
public sealed record PlaceRow(string Country, string AdminLevel, string Code, string Name, string ParentCode, string ValidFrom, int Line, string RawLine)
{
    public string Id => Graph.Vocabulary.PlaceId(Code);

    /// <summary>REGION for admin level 1, DISTRICT for 2; null for any other (a problem the validation reports).</summary>
    public string? Level => AdminLevel switch { "1" => Graph.Vocabulary.RegionLevel, "2" => "DISTRICT", _ => null };
}

/// <summary>One row of the SDG framework CSV, with the raw line as its provenance excerpt.</summary>
public sealed record SdgRow(string Kind, string Code, string? ParentCode, string Title, int Line, string RawLine);
