using HealthGraph.Graph;
using HealthGraph.Ingest.Seed.Validation;

namespace HealthGraph.Ingest.Seed;

/// <summary>Turns a validated seed set into the property graph every store loads.</summary>
public static class SeedGraphBuilder
{
    public static SeedGraph Build(SeedSet set)
    {
        var nodes = new List<GraphNode>();
        var relationships = new List<GraphRelationship>();

        void Link(string type, string from, string to, Provenance provenance) =>
            relationships.Add(new GraphRelationship(type, from, to, GraphRelationship.NoProperties, provenance));

        void Links(string type, string from, IEnumerable<LinkRecord>? links, Provenance inherited, bool fromIsTarget = false)
        {
            foreach (var link in links ?? [])
            {
                var provenance = link.Provenance is null ? inherited : ToProvenance(link.Provenance);
                if (fromIsTarget)
                {
                    Link(type, link.Id!, from, provenance);
                }
                else
                {
                    Link(type, from, link.Id!, provenance);
                }
            }
        }

        foreach (var d in set.Documents.Select(e => e.Record))
        {
            var self = new Provenance(Basis.Stated, d.Id, null, null);
            nodes.Add(Node(d.Id!, NodeLabels.Document, d.Title!, self,
                (NodeProperties.Title, d.Title), ("file", d.File), (NodeProperties.Kind, d.Kind), ("language", d.Language),
                ("publisherName", d.PublisherName), (NodeProperties.Description, d.Description),
                ("text", d.Kind == "WEB_PAGE" ? set.DocumentTexts.GetValueOrDefault(d.Id!) : null)));
            if (d.Publisher is not null)
            {
                Link(RelationshipTypes.PublishedBy, d.Id!, d.Publisher, Provenance.Stated(d.Id!, d.PublisherExcerpt!));
            }
        }

        foreach (var o in set.Organizations.Select(e => e.Record))
        {
            var provenance = ToProvenance(o.Provenance!);
            nodes.Add(Node(o.Id!, NodeLabels.Organization, o.Name!, provenance,
                ("name", o.Name), (NodeProperties.ShortName, o.ShortName), (NodeProperties.Kind, o.Kind), (NodeProperties.Aliases, o.Aliases),
                ("memberStateSince", o.MemberStateSince), ("activeProjectCount", o.ActiveProjectCount),
                ("thematicServiceAreaCount", o.ThematicServiceAreaCount), ("staffCount", o.StaffCount), (NodeProperties.Note, o.Note),
                ("roles", Roles(o, r => r.Role)), ("roleConfirmedBy", Roles(o, r => r.ConfirmedBy)), ("roleDocuments", Roles(o, r => r.Document))));
            Links(RelationshipTypes.PartOf, o.Id!, o.PartOf is null ? null : [o.PartOf], provenance);
            Links(RelationshipTypes.HasTheme, o.Id!, o.Themes, provenance);
        }

        foreach (var f in set.Frameworks.Select(e => e.Record))
        {
            var provenance = ToProvenance(f.Provenance!);
            nodes.Add(Node(f.Id!, NodeLabels.ResultsFramework, f.Name!, provenance,
                ("name", f.Name), (NodeProperties.Description, f.Description), (NodeProperties.Note, f.Note)));
            Link(RelationshipTypes.ManagedBy, f.Id!, f.ManagedBy!, provenance);
        }

        foreach (var i in set.Indicators.Select(e => e.Record))
        {
            var provenance = ToProvenance(i.Provenance!);
            nodes.Add(Node(i.Id!, NodeLabels.Indicator, i.Title!, provenance, (NodeProperties.Code, i.Code), (NodeProperties.Title, i.Title)));
            Link(RelationshipTypes.InFramework, i.Id!, i.Framework!, provenance);
        }

        foreach (var o in set.Outcomes.Select(e => e.Record))
        {
            var provenance = ToProvenance(o.Provenance!);
            nodes.Add(Node(o.Id!, NodeLabels.Outcome, o.Statement!, provenance,
                (NodeProperties.Level, o.Level), (NodeProperties.Code, o.Code), (NodeProperties.Statement, o.Statement), (NodeProperties.Description, o.Description),
                (NodeProperties.Status, o.Status), (NodeProperties.StatusLabel, o.StatusLabel), (NodeProperties.Year, o.Year), (NodeProperties.Partnership, o.Partnership)));
            Link(RelationshipTypes.InFramework, o.Id!, o.Framework!, provenance);
            Links(RelationshipTypes.ContributesTo, o.Id!, o.ContributesTo, provenance);
            Links(RelationshipTypes.MeasuredBy, o.Id!, o.Indicators, provenance);
            Links(RelationshipTypes.HasTheme, o.Id!, o.Themes, provenance);
        }

        AddDeliverables(set, nodes, relationships);

        AddPlaces(set, nodes, relationships);

        foreach (var t in set.Themes.Select(e => e.Record))
        {
            nodes.Add(Node(t.Id!, NodeLabels.Theme, t.Name!, ToProvenance(t.Provenance!),
                ("name", t.Name), (NodeProperties.OriginalLabel, t.OriginalLabel), ("language", t.Language), (NodeProperties.Description, t.Description)));
        }

        AddAlignments(set, relationships);
        AddSdgFramework(set, nodes, relationships);
        return new SeedGraph(nodes, relationships);
    }

    /// <summary>The graph of a validated part of the seed read after the set (<see cref="SeedValidation.ValidatePart"/>): its deliverables and alignments.</summary>
    public static SeedGraph BuildPart(SeedSet part)
    {
        var nodes = new List<GraphNode>(part.Deliverables.Count);
        var relationships = new List<GraphRelationship>();
        AddDeliverables(part, nodes, relationships);
        AddAlignments(part, relationships);
        return new SeedGraph(nodes, relationships);
    }

    private static void AddDeliverables(SeedSet set, List<GraphNode> nodes, List<GraphRelationship> relationships)
    {
        void Links(string type, string from, IEnumerable<LinkRecord>? links, Provenance inherited)
        {
            foreach (var link in links ?? [])
            {
                relationships.Add(new GraphRelationship(
                    type, from, link.Id!, GraphRelationship.NoProperties, link.Provenance is null ? inherited : ToProvenance(link.Provenance)));
            }
        }

        foreach (var d in set.Deliverables.Select(e => e.Record))
        {
            var provenance = ToProvenance(d.Provenance!);
            nodes.Add(DeliverableNode.Create(d.Id!, d.Title!, provenance, d.Kind, d.Items, d.Status, d.StatusLabel, d.Year, d.Country, d.Note));
            relationships.Add(new GraphRelationship(RelationshipTypes.Delivers, d.Agency!, d.Id!, GraphRelationship.NoProperties, provenance));
            Links(RelationshipTypes.Serves, d.Id!, d.Outcomes, provenance);
            Links(RelationshipTypes.Supports, d.Id!, d.Counterparts, provenance);
            Links(RelationshipTypes.HasTheme, d.Id!, d.Themes, provenance);
            Links(RelationshipTypes.LocatedIn, d.Id!, d.Places, provenance);
        }
    }

    private static void AddAlignments(SeedSet set, List<GraphRelationship> relationships)
    {
        foreach (var a in set.Alignments.Select(e => e.Record))
        {
            relationships.Add(new GraphRelationship(RelationshipTypes.AlignsWith, a.From!, a.To!, GraphRelationship.NoProperties, ToProvenance(a.Provenance!)));
        }
    }

    /// <summary>The id of the document that describes the gazetteer file.</summary>
    public static string? GazetteerDocumentId(SeedSet set) =>
        set.Documents.FirstOrDefault(d => d.Record.File == SeedSet.Files.Gazetteer)?.Record.Id;

    /// <summary>
    /// The places: every row of the gazetteer (a region part of its country, a district part of its region) with the
    /// ISO 3166-2 code and other names a record of places.json adds, and the places the records define (countries, sites).
    /// </summary>
    private static void AddPlaces(SeedSet set, List<GraphNode> nodes, List<GraphRelationship> relationships)
    {
        var additions = set.Places.Select(e => e.Record).Where(p => set.InGazetteer(p.Id)).ToDictionary(p => p.Id!, StringComparer.Ordinal);
        foreach (var p in set.Places.Select(e => e.Record).Where(p => !set.InGazetteer(p.Id)))
        {
            var provenance = ToProvenance(p.Provenance!);
            nodes.Add(Node(p.Id!, NodeLabels.Place, p.Name!, provenance,
                ("name", p.Name), (NodeProperties.Level, p.Level), (NodeProperties.Code, p.Code), (NodeProperties.IsoCode, p.IsoCode),
                (NodeProperties.Aliases, p.Aliases)));
            if (p.PartOf is not null)
            {
                relationships.Add(new GraphRelationship(RelationshipTypes.PartOf, p.Id!, p.PartOf.Id!, GraphRelationship.NoProperties,
                    p.PartOf.Provenance is null ? provenance : ToProvenance(p.PartOf.Provenance)));
            }
        }

        var documentId = GazetteerDocumentId(set)!;
        foreach (var row in set.PlaceRows)
        {
            var provenance = Provenance.Stated(documentId, row.RawLine);
            var added = additions.GetValueOrDefault(row.Id);
            var (iso, aliases) = (added?.IsoCode is null ? null : added, added?.Aliases is null ? null : added);
            nodes.Add(Node(row.Id, NodeLabels.Place, row.Name, provenance,
                ("name", row.Name), (NodeProperties.Level, row.Level), (NodeProperties.Code, row.Code), (NodeProperties.IsoCode, iso?.IsoCode),
                (NodeProperties.IsoCodeExcerpt, iso?.Provenance?.Excerpt), (NodeProperties.IsoCodeDocument, iso?.Provenance?.Document), (NodeProperties.ValidFrom, row.ValidFrom),
                (NodeProperties.Aliases, aliases?.Aliases), (NodeProperties.AliasesExcerpt, aliases?.Provenance?.Excerpt), (NodeProperties.AliasesDocument, aliases?.Provenance?.Document)));
            relationships.Add(new GraphRelationship(RelationshipTypes.PartOf, row.Id, Vocabulary.PlaceId(row.ParentCode), GraphRelationship.NoProperties, provenance));
        }
    }

    /// <summary>The id of the document that describes the SDG framework file.</summary>
    public static string? SdgDocumentId(SeedSet set) =>
        set.Documents.FirstOrDefault(d => d.Record.File == SeedSet.Files.SdgFramework)?.Record.Id;

    private static void AddSdgFramework(SeedSet set, List<GraphNode> nodes, List<GraphRelationship> relationships)
    {
        var documentId = SdgDocumentId(set)!;
        long position = 0; // the row's place in the official framework, so lists can follow its order (8.2 before 8.10)
        foreach (var row in set.SdgRows)
        {
            position++;
            var provenance = Provenance.Stated(documentId, row.RawLine);
            var id = SeedValidation.SdgId(row);
            switch (row.Kind)
            {
                case "goal":
                    nodes.Add(Node(id, NodeLabels.SdgGoal, row.Title, provenance,
                        (NodeProperties.Code, row.Code), (NodeProperties.Title, row.Title), (NodeProperties.ShortName, set.SdgGoalShortNames.GetValueOrDefault(row.Code)), (NodeProperties.Position, position)));
                    break;
                case "target":
                    nodes.Add(Node(id, NodeLabels.SdgTarget, row.Title, provenance,
                        (NodeProperties.Code, row.Code), (NodeProperties.Title, row.Title), ("goalCode", row.ParentCode), (NodeProperties.Position, position)));
                    relationships.Add(new GraphRelationship(
                        RelationshipTypes.HasTarget, Vocabulary.SdgGoalId(row.ParentCode!), id, GraphRelationship.NoProperties, provenance));
                    break;
                default:
                    var codes = set.SdgIndicatorCodes.TryGetValue(row.Code, out var c) ? c : default;
                    nodes.Add(Node(id, NodeLabels.SdgIndicator, row.Title, provenance,
                        (NodeProperties.Code, row.Code), (NodeProperties.Title, row.Title), ("targetCode", row.ParentCode),
                        ("unsdCode", codes.UnsdCode), ("repeatOf", codes.RepeatOf), (NodeProperties.Position, position)));
                    relationships.Add(new GraphRelationship(
                        RelationshipTypes.HasIndicator, Vocabulary.SdgTargetId(row.ParentCode!), id, GraphRelationship.NoProperties, provenance));
                    break;
            }
        }
    }

    private static Provenance ToProvenance(ProvenanceRecord record)
    {
        return new Provenance(Provenance.ParseCode(record.Basis!), NullIfEmpty(record.Document), NullIfEmpty(record.Excerpt), NullIfEmpty(record.Reason));
    }

    private static GraphNode Node(string id, string label, string name, Provenance provenance, params (string Key, object? Value)[] properties) =>
        GraphNode.Create(id, label, name, provenance, properties);

    /// <summary>
    /// One field of each of an organization's roles, in order (null without roles): the roles are kept as three parallel
    /// lists of text, which both stores hold as plain list properties.
    /// </summary>
    private static IReadOnlyList<string>? Roles(OrganizationRecord organization, Func<RoleRecord, string?> field) =>
        organization.Roles is { Count: > 0 } roles ? [.. roles.Select(r => field(r)!)] : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
