using HealthGraph.Graph;
using HealthGraph.Store;
using HealthGraph.Tests.Support;

namespace HealthGraph.Tests.Ingest;

/// <summary>The seeded graph holds the facts of the three source documents and the SDG framework, with provenance.</summary>
public sealed class SeedGraphTests(SeededStore seeded) : IClassFixture<SeededStore>
{
    private readonly IGraphStore _store = seeded.Store;

    [Fact]
    public async Task TheGraphHasTheSdgFrameworkAndTheSourcesWork()
    {
        var statistics = await _store.GetStatisticsAsync();

        Assert.Equal(17, statistics.NodesByLabel[NodeLabels.SdgGoal]);
        Assert.Equal(169, statistics.NodesByLabel[NodeLabels.SdgTarget]);
        Assert.Equal(251, statistics.NodesByLabel[NodeLabels.SdgIndicator]);
        Assert.Equal(169, statistics.RelationshipsByType[RelationshipTypes.HasTarget]);
        Assert.Equal(251, statistics.RelationshipsByType[RelationshipTypes.HasIndicator]);
        Assert.Equal(36, statistics.NodesByLabel[NodeLabels.Deliverable]);
        Assert.Equal(9, statistics.NodesByLabel[NodeLabels.Outcome]);
        Assert.Equal(7, statistics.NodesByLabel[NodeLabels.Document]);
    }

    [Fact]
    public async Task TheAgenciesAreWhoIloAndIom_WithTheirDeliverables_AndUnicefAsAConfirmedPartner()
    {
        var organizations = await AllAsync(NodeLabels.Organization);
        var agencies = organizations.Where(o => o.GetString("kind") == "UN_AGENCY").Select(o => o.Id).Order();
        Assert.Equal(["ilo", "iom", "unicef", "who"], agencies);

        var delivered = await _store.GetRelationshipsAsync(["who", "ilo", "iom"], RelationshipTypes.Delivers, Direction.Outgoing);
        var perAgency = delivered.GroupBy(r => r.FromId).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(27, perAgency["who"]);
        Assert.Equal(6, perAgency["ilo"]);
        Assert.Equal(3, perAgency["iom"]);
    }

    [Fact]
    public async Task IomCarriesTheFactsItsPageGives()
    {
        var iom = (await _store.GetNodesAsync(["iom"])).Single();

        Assert.Equal("1994-11", iom.GetString("memberStateSince"));
        Assert.Equal(12, iom.GetInt64("activeProjectCount"));
        Assert.Equal(7, iom.GetInt64("thematicServiceAreaCount"));
        Assert.Equal("More than 30", iom.GetString("staffCount"));
        Assert.Equal("iom-tajikistan", iom.Provenance.DocumentId);
    }

    [Fact]
    public async Task TheIloOutcomeIsStatedAlignedToExactly1_3_8_3And8_5()
    {
        var alignments = await _store.GetRelationshipsAsync(["ilo-tjk128"], RelationshipTypes.AlignsWith, Direction.Outgoing);
        var statedTargets = alignments
            .Where(a => a.Provenance.Basis == Basis.Stated && a.ToId.StartsWith("sdg-target-", StringComparison.Ordinal))
            .Select(a => a.ToId)
            .Order();

        Assert.Equal(["sdg-target-1.3", "sdg-target-8.3", "sdg-target-8.5"], statedTargets);
        Assert.All(alignments.Where(a => a.Provenance.Basis == Basis.Stated), a => Assert.Equal("ilo-tjk128-2021", a.Provenance.DocumentId));
    }

    [Fact]
    public async Task NoOtherAlignmentIsStated_EveryOtherOneIsInferredWithAReason()
    {
        var alignments = await AllRelationshipsAsync(RelationshipTypes.AlignsWith);

        Assert.All(alignments.Where(a => a.FromId != "ilo-tjk128"), a =>
        {
            Assert.Equal(Basis.Inferred, a.Provenance.Basis);
            Assert.False(string.IsNullOrWhiteSpace(a.Provenance.Reason));
        });
    }

    [Fact]
    public async Task WhoHasExactlyFiveDeliverablesOnTrack()
    {
        var portfolio = await _store.GetPortfolioAsync("who");
        var onTrack = portfolio.Where(p => p.Status == "ON_TRACK").Select(p => p.DeliverableId).Order().ToList();

        Assert.Equal(
            ["who-hf-uhc-reforms", "who-hwf-strategy", "who-knowledge-translation", "who-media-visibility", "who-phc-services-improvement"],
            onTrack);
        Assert.All(await _store.GetNodesAsync(onTrack), node => Assert.Equal("On track", node.GetString("statusLabel")));
    }

    [Fact]
    public async Task IlosIndicator8_3_1BelongsToIlosFramework_NotToTheSdgs()
    {
        var ilo = (await _store.GetNodesAsync(["ilo-indicator-8.3.1"])).Single();
        var sdg = (await _store.GetNodesAsync(["sdg-indicator-8.3.1"])).Single();
        var framework = await _store.GetRelationshipsAsync([ilo.Id], RelationshipTypes.InFramework, Direction.Outgoing);

        Assert.Equal(NodeLabels.Indicator, ilo.Label);
        Assert.Equal(NodeLabels.SdgIndicator, sdg.Label);
        Assert.Equal("8.3.1", ilo.GetString("code"));
        Assert.StartsWith("Number of countries that have adopted", ilo.Name, StringComparison.Ordinal);
        Assert.StartsWith("Proportion of informal employment", sdg.Name, StringComparison.Ordinal);
        Assert.Equal("ilo-results", Assert.Single(framework).ToId);
    }

    [Fact]
    public async Task IlosFrenchTagsKeepTheirOriginalLabelBesideTheEnglishOne()
    {
        var themes = await AllAsync(NodeLabels.Theme);
        var french = themes.Where(t => t.GetString("language") == "fr").ToList();

        Assert.Equal(14, french.Count);
        var healthCare = Assert.Single(french, t => t.GetString("originalLabel") == "soins de santé");
        Assert.Equal("health care", healthCare.Name, ignoreCase: true);
        Assert.Contains(french, t => t.GetString("originalLabel") == "chômage");
    }

    [Fact]
    public async Task EverySourceDerivedNodeHasProvenance()
    {
        foreach (var label in NodeLabels.All.Where(l => l != NodeLabels.Document))
        {
            Assert.All(await AllAsync(label), node => AssertProvenance(node.Id, node.Provenance));
        }
    }

    [Fact]
    public async Task EveryRelationshipHasProvenance()
    {
        foreach (var type in RelationshipTypes.All)
        {
            Assert.All(await AllRelationshipsAsync(type), r => AssertProvenance($"{r.FromId}-[{r.Type}]->{r.ToId}", r.Provenance));
        }
    }

    [Fact]
    public async Task ADocumentListsTheFactsItIsTheSourceOf()
    {
        var facts = await DocumentFactsReader.ReadAllAsync(_store, "iom-tajikistan");

        Assert.Contains(facts.Nodes, n => n.Id == "iom");
        Assert.Contains(facts.Nodes, n => n.Id == "iom-hiv-community-mobilization");
        Assert.Contains(facts.Relationships, r => r.Type == RelationshipTypes.HasTheme && r.FromId == "iom" && r.ToId == "iom-capacity-building");
        Assert.DoesNotContain(facts.Nodes, n => n.Provenance.DocumentId != "iom-tajikistan");
    }

    /// <summary>
    /// The seed's gaps from review, each as the source gives it: an agency's own function is apart from the shared theme
    /// of the same name (IOM's "Capacity Building" is about migrant health, and WHO's and ILO's training work is not);
    /// ILO's gender section, its outcome's partnership and WHO's TTWs are in the graph.
    /// </summary>
    [Fact]
    public async Task TheReviewedGapsAreFactsOfTheirSources()
    {
        var nodes = (await _store.GetNodesAsync(
            ["capacity-building", "iom-capacity-building", "advocacy", "gender-equality", "nhs2030-technical-working-groups"]))
            .ToDictionary(n => n.Id);

        Assert.Equal(Basis.Inferred, nodes["capacity-building"].Provenance.Basis);
        Assert.DoesNotContain("migrant", nodes["capacity-building"].GetString(NodeProperties.Description), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("migration", nodes["advocacy"].GetString(NodeProperties.Description), StringComparison.OrdinalIgnoreCase);
        Assert.Equal((Basis.Stated, "iom-tajikistan"), (nodes["iom-capacity-building"].Provenance.Basis, nodes["iom-capacity-building"].Provenance.DocumentId));
        var themed = await AllRelationshipsAsync(RelationshipTypes.HasTheme);
        Assert.Contains(themed, r => r.FromId == "who-phc-access" && r.ToId == "capacity-building");
        Assert.DoesNotContain(themed, r => r.ToId.StartsWith("iom-", StringComparison.Ordinal) && !r.FromId.StartsWith("iom", StringComparison.Ordinal));

        Assert.Contains(themed, r => r.FromId == "ilo-tjk128" && r.ToId == "gender-equality" && r.Provenance.Basis == Basis.Stated
            && r.Provenance.Excerpt!.Contains("one is dedicated to the promotion of gender equality", StringComparison.Ordinal));
        Assert.Contains(await AllRelationshipsAsync(RelationshipTypes.Supports), r => r.FromId == "who-health-strategy-2030" && r.ToId == "nhs2030-technical-working-groups");
        var outcome = Assert.Single(await _store.GetNodesAsync(["ilo-tjk128"]));
        Assert.Equal("with UN Agencies, excluding IFIs", outcome.GetString(NodeProperties.Partnership));
        Assert.Contains("In partnership with UN Agencies, excluding IFIs", Excerpts.Fold(outcome.Provenance.Excerpt!), StringComparison.Ordinal);
    }

    /// <summary>
    /// Tajikistan's 5 regions and 76 districts and cities from OCHA's p-code list, each part of its region (a region of
    /// the country), the regions with their ISO 3166-2 codes quoted; and the places WHO's table names.
    /// </summary>
    [Fact]
    public async Task ThePlacesAreTheGazetteersRegionsAndDistricts_AndThePlacesWhosTableNames()
    {
        var places = await AllAsync(NodeLabels.Place);
        var partOf = (await AllRelationshipsAsync(RelationshipTypes.PartOf)).Where(r => r.FromId.StartsWith("place-", StringComparison.Ordinal))
            .ToDictionary(r => r.FromId, r => r.ToId);

        var regions = places.Where(p => p.GetString(NodeProperties.Level) == "REGION").ToList();
        Assert.Equal(
            [("3501000", "TJ-DU"), ("3505000", "TJ-SU"), ("3507000", "TJ-KT"), ("3509000", "TJ-RA"), ("3590000", "TJ-GB")],
            regions.Select(r => (r.GetString(NodeProperties.Code)!, r.GetString(NodeProperties.IsoCode)!)).Order());
        Assert.All(regions, r => Assert.Equal("place-tjk", partOf[r.Id]));
        Assert.All(regions, r => Assert.Contains(r.GetString(NodeProperties.IsoCode)!, r.GetString(NodeProperties.IsoCodeExcerpt), StringComparison.Ordinal));
        var districts = places.Where(p => p.GetString(NodeProperties.Level) == "DISTRICT").ToList();
        Assert.Equal(76, districts.Count);
        Assert.All(districts, d => Assert.Contains(partOf[d.Id], regions.Select(r => r.Id)));
        Assert.Equal("place-3505000", partOf["place-3505242"]); // Panjakent, in Sughd
        var qurghonteppa = places.Single(p => p.Id == "place-3507401");
        Assert.Equal(("Bokhtar", "Qurghonteppa, the city renamed Bokhtar in 2018"), (string.Join("; ", qurghonteppa.GetStrings(NodeProperties.Aliases)), qurghonteppa.GetString(NodeProperties.AliasesExcerpt)!));
        Assert.Equal(["J. Rasulov"], places.Single(p => p.Id == "place-3505246").GetStrings(NodeProperties.Aliases));
        Assert.All(districts, d => Assert.Equal(("ocha-tjk-pcodes", Basis.Stated), (d.Provenance.DocumentId!, d.Provenance.Basis)));

        var located = await AllRelationshipsAsync(RelationshipTypes.LocatedIn);
        Assert.Equal(
            [("who-hf-uhc-reforms", "place-3505000"), ("who-phc-services-improvement", "place-who-phc-demo-platform-kazakhstan")],
            located.Select(r => (r.FromId, r.ToId)).Order());
        Assert.All(located, r => Assert.Equal(("who-uhcp-tajikistan", Basis.Stated), (r.Provenance.DocumentId!, r.Provenance.Basis)));
        Assert.Equal("place-kazakhstan", partOf["place-who-phc-demo-platform-kazakhstan"]);
    }

    private static void AssertProvenance(string what, Provenance provenance)
    {
        var ok = provenance.Basis switch
        {
            Basis.Stated => provenance.DocumentId is not null && !string.IsNullOrWhiteSpace(provenance.Excerpt),
            _ => !string.IsNullOrWhiteSpace(provenance.Reason),
        };
        Assert.True(ok, $"{what} has no provenance: {provenance}");
    }

    [Fact]
    public async Task OnlyConfirmedPartnersAreLoaded_EachRoleQuotedFromItsRowWithThePageThatConfirmsIt()
    {
        var rows = File.ReadLines(RepositoryFiles.PathOf("seed", "sources", "tajikistan_health_partners.csv")).Skip(1)
            .Select(CsvFields).Select(f => (Partner: f[0], Role: f[1], Url: f[2], Confirmed: f[3] == "yes")).ToList();
        var organizations = await AllAsync(NodeLabels.Organization);
        var roles = organizations
            .SelectMany(o => o.GetStrings("roles").Zip(o.GetStrings("roleConfirmedBy"), (role, url) => (Organization: o, Role: role, Url: url)))
            .ToList();

        Assert.Equal(7, rows.Count(r => r.Confirmed));
        Assert.Equal(
            rows.Where(r => r.Confirmed).Select(r => (r.Role, r.Url)).Order(),
            roles.Select(r => (r.Role, r.Url)).Order());
        foreach (var (partner, role, _, _) in rows.Where(r => r.Confirmed))
        {
            // The row's partner holds its role (UNICEF and GIZ have the same words, each on its own row).
            Assert.Contains(roles, r => r.Role == role && (partner.StartsWith(r.Organization.Name, StringComparison.Ordinal) ||
                partner.StartsWith(r.Organization.GetString("shortName") ?? r.Organization.Name, StringComparison.Ordinal)));
        }

        // The leads are not facts: none of the partners only a lead names is an organization (ILO and IOM are, from their own pages).
        var names = organizations.SelectMany(o => o.GetStrings("aliases").Append(o.Name).Append(o.GetString("shortName") ?? o.Name)).ToHashSet();
        var leads = rows.Where(r => !r.Confirmed && r.Partner is not "ILO" and not "IOM").Select(r => r.Partner).ToList();
        Assert.Equal(7, leads.Count);
        Assert.DoesNotContain(leads, names.Contains);
        Assert.All(
            organizations.Where(o => o.Provenance.DocumentId == "tajikistan-health-partners"),
            o => Assert.Contains(rows, r => r.Confirmed && r.Partner == o.Provenance.Excerpt));
    }

    /// <summary>The fields of one line of an RFC 4180 CSV whose quoted fields hold no line breaks.</summary>
    private static string[] CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            switch (line[i])
            {
                case '"' when quoted && i + 1 < line.Length && line[i + 1] == '"':
                    field.Append('"');
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                default:
                    field.Append(line[i]);
                    break;
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }

    private async Task<IReadOnlyList<GraphNode>> AllAsync(string label) => (await _store.ListNodesAsync(new NodeListQuery(label))).Nodes;

    private async Task<IReadOnlyList<GraphRelationship>> AllRelationshipsAsync(string type)
    {
        var ids = new List<string>();
        foreach (var label in NodeLabels.All)
        {
            ids.AddRange((await AllAsync(label)).Select(n => n.Id));
        }

        return await _store.GetRelationshipsAsync(ids, type, Direction.Outgoing);
    }
}
