using System.Globalization;
using HealthGraph.Graph;
using HealthGraph.Ingest.Seed;

namespace HealthGraph.Ingest.Synthetic;

/// <summary>
/// Adds a deterministic synthetic portfolio of <c>N</c> deliverables to a seed set, shaped like the real one: about
/// N/200 agencies, at most <see cref="MaxAgencies"/> (one in three a UN agency, the rest bilateral and multilateral partners, as in a country's
/// coordination council) each with its results framework and outcomes, N/200 counterparts, the real themes and the
/// real SDG targets, all skewed the way real portfolios are (a few big agencies hold most deliverables; health and decent work
/// targets are the popular ones). The same N and random seed always give the same records in the same order.
/// Every synthetic fact is INFERRED and says that it is synthetic; none claims a source document.
/// </summary>
public static class SyntheticSeed
{
    /// <summary>The random seed used when none is given, so two runs build the same graph.</summary>
    public const int DefaultRandomSeed = 42;

    /// <summary>Every synthetic id starts with this; no real seed id does.</summary>
    public const string IdPrefix = "syn-";

    /// <summary>
    /// The most agencies a synthetic graph has, however much work it holds: a council grows in work, not in members.
    /// One of the largest responses, OCHA Afghanistan's 3W of early 2024 (<c>shared/data/4w</c>), names 285
    /// organisations; 500 is reached at 100,000 deliverables, and a larger graph gives its agencies more work each.
    /// </summary>
    public const int MaxAgencies = 500;

    /// <summary>How problems name the generated records' "file".</summary>
    public const string FileName = "synthetic";

    /// <summary>The provenance reason every synthetic node and relationship carries.</summary>
    public static string Reason(int deliverables, int randomSeed) => string.Create(
        CultureInfo.InvariantCulture, $"Synthetic benchmark data: healthgraph seed --synthetic {deliverables} (random seed {randomSeed})");

    /// <summary>Deliverables per batch of <see cref="SyntheticWork.Batches"/>: some tens of megabytes of records and graph at a time.</summary>
    public const int DefaultBatchSize = 10_000;

    /// <summary>Adds the synthetic records to <paramref name="set"/> (normally the real seed, so real questions still work).</summary>
    public static void AddTo(SeedSet set, int deliverables, int randomSeed = DefaultRandomSeed)
    {
        foreach (var batch in Begin(set, deliverables, randomSeed).Batches)
        {
            set.Deliverables.AddRange(batch.Deliverables);
            set.Alignments.AddRange(batch.Alignments);
        }
    }

    /// <summary>
    /// Adds the synthetic agencies, their frameworks and outcomes, and the counterparts to <paramref name="set"/>, and
    /// returns the deliverables to come, made a batch at a time as they are read: the same records, in the same order,
    /// as <see cref="AddTo"/> adds, without holding a million of them at once.
    /// </summary>
    public static SyntheticWork Begin(SeedSet set, int deliverables, int randomSeed = DefaultRandomSeed, int batchSize = DefaultBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(deliverables);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var generator = new Generator(set, deliverables, randomSeed);
        generator.AddFrame();
        return new SyntheticWork(deliverables, batchSize, generator.Work(batchSize));
    }

    /// <summary>The ids of the agencies a synthetic portfolio of <paramref name="deliverables"/> has, in order.</summary>
    public static string[] AgencyIds(int deliverables)
    {
        var count = Math.Clamp(deliverables / 200, 1, MaxAgencies);
        return [.. Enumerable.Range(1, count).Select(i => Id("agency", i, count))];
    }

    /// <summary>"syn-deliverable-0000042": zero-padded to the widest number, so ids sort in creation order.</summary>
    private static string Id(string kind, int number, int max) =>
        $"{IdPrefix}{kind}-{number.ToString(new string('0', Math.Max(1, max).ToString(CultureInfo.InvariantCulture).Length), CultureInfo.InvariantCulture)}";

    private sealed class Generator(SeedSet set, int deliverableCount, int randomSeed)
    {
        private readonly Random _random = new(randomSeed);

        /// <summary>Where work is placed, drawn apart from the rest so that adding places left every other draw as it was.</summary>
        private readonly Random _placeRandom = new(randomSeed + 1);
        private readonly ProvenanceRecord _provenance = new("INFERRED", null, null, Reason(deliverableCount, randomSeed));
        private readonly Dictionary<string, LinkRecord> _links = new(StringComparer.Ordinal);

        private Zipf? _agencyPick;
        private Zipf? _counterpartPick;
        private Zipf? _themePick;
        private Zipf? _targetPick;
        private Dictionary<string, string[]>? _outcomesByAgency;
        private bool _workStarted;

        /// <summary>Everything but the deliverables: agencies, frameworks, counterparts, outcomes and their alignments.</summary>
        public void AddFrame()
        {
            var themes = set.Themes.Select(e => e.Record.Id).OfType<string>().ToArray();
            var themePick = new Zipf(Shuffled(themes), 1.0);
            var targetPick = new Zipf(RankTargets(), 1.1);

            var agencies = AgencyIds(deliverableCount);
            var agencyPick = new Zipf(agencies, 1.2);
            var counterparts = Enumerable.Range(1, Math.Max(1, deliverableCount / 200)).Select(i => Id("counterpart", i, deliverableCount / 200)).ToArray();
            var counterpartPick = new Zipf(counterparts, 0.8);

            for (var i = 0; i < agencies.Length; i++)
            {
                var domain = Pick(Words.Domains);
                Add(set.Organizations, new OrganizationRecord
                {
                    Id = agencies[i],
                    Name = $"{domain.Name} Agency {i + 1}",
                    ShortName = string.Create(CultureInfo.InvariantCulture, $"{domain.Acronym}{i + 1}"),
                    Kind = i % 3 == 0 ? "UN_AGENCY" : "DEVELOPMENT_PARTNER",
                    Themes = Links(1 + _random.Next(3), themePick),
                    Provenance = _provenance,
                });
                Add(set.Frameworks, new FrameworkRecord
                {
                    Id = $"{agencies[i]}-results",
                    Name = $"{domain.Name} Agency {i + 1} results framework",
                    ManagedBy = agencies[i],
                    Provenance = _provenance,
                });
            }

            for (var i = 0; i < counterparts.Length; i++)
            {
                var (prefix, kind) = Pick(Words.CounterpartKinds);
                Add(set.Organizations, new OrganizationRecord
                {
                    Id = counterparts[i],
                    Name = string.Create(CultureInfo.InvariantCulture, $"{prefix} {Pick(Words.Topics)}, {Pick(Words.Countries)} ({i + 1})"),
                    Kind = kind,
                    Provenance = _provenance,
                });
            }

            _outcomesByAgency = AddOutcomes(agencies, agencyPick, themePick, targetPick);
            (_agencyPick, _counterpartPick, _themePick, _targetPick) = (agencyPick, counterpartPick, themePick, targetPick);
        }

        /// <summary>About N/20 outcomes, shared out by agency size (at least one each), in their agencies' frameworks.</summary>
        private Dictionary<string, string[]> AddOutcomes(string[] agencies, Zipf agencyPick, Zipf themePick, Zipf targetPick)
        {
            var total = Math.Max(agencies.Length, deliverableCount / 20);
            var byAgency = new Dictionary<string, string[]>(StringComparer.Ordinal);
            var number = 0;
            for (var a = 0; a < agencies.Length; a++)
            {
                var count = Math.Max(1, (int)Math.Round(total * agencyPick.Share(a)));
                var ids = new string[count];
                for (var k = 0; k < count; k++)
                {
                    ids[k] = Id("outcome", ++number, total * 2);
                    var topic = Pick(Words.Topics);
                    Add(set.Outcomes, new OutcomeRecord
                    {
                        Id = ids[k],
                        Framework = $"{agencies[a]}-results",
                        Level = Pick(Words.OutcomeLevels),
                        Code = string.Create(CultureInfo.InvariantCulture, $"{a + 1}.{k + 1}"),
                        Statement = $"{Pick(Words.OutcomeSubjects)} {Pick(Words.OutcomeVerbs)} {topic} {Pick(Words.Qualifiers)}",
                        Description = $"{Pick(Words.Verbs)} {topic} and {Pick(Words.Topics)} in {Pick(Words.Countries)}",
                        Status = Status(),
                        Year = 2010 + _random.Next(21),
                        Themes = Links(1 + _random.Next(2), themePick),
                        Provenance = _provenance,
                    });
                    AddAlignments(ids[k], _random.Next(3), targetPick);
                }

                byAgency[agencies[a]] = ids;
            }

            return byAgency;
        }

        /// <summary>
        /// The deliverables and their alignments, <paramref name="batchSize"/> deliverables a batch, drawn from the same
        /// random sequence as the frame, after it: read once. Each batch's entries are numbered on from the set's.
        /// </summary>
        public IEnumerable<SeedSet> Work(int batchSize)
        {
            if (_workStarted)
            {
                throw new InvalidOperationException("The synthetic work is made once; begin again to make it again.");
            }

            _workStarted = true;
            var (deliverableIndex, alignmentIndex) = (set.Deliverables.Count, set.Alignments.Count);

            // Tajikistan's regions and districts (the gazetteer): half the work is placed, in a district or a region.
            var places = set.PlaceRows.Where(r => r.Level is not null).Select(r => r.Id).ToArray();
            for (var first = 1; first <= deliverableCount; first += batchSize)
            {
                var batch = new SeedSet { Directory = set.Directory };
                for (var i = first; i < first + batchSize && i <= deliverableCount; i++)
                {
                    var (deliverable, alignments) = Deliverable(i, places);
                    batch.Deliverables.Add(new SeedEntry<DeliverableRecord>(FileName, deliverableIndex++, deliverable));
                    batch.Alignments.AddRange(alignments.Select(a => new SeedEntry<AlignmentRecord>(FileName, alignmentIndex++, a)));
                }

                yield return batch;
            }
        }

        private (DeliverableRecord, List<AlignmentRecord>) Deliverable(int i, string[] places)
        {
            var id = Id("deliverable", i, deliverableCount);
            var agency = _agencyPick!.Next(_random);
            var outcomes = _outcomesByAgency![agency];
            var topic = Pick(Words.Topics);
            var country = Pick(Words.Countries);
            var deliverable = new DeliverableRecord
            {
                Id = id,
                Kind = Pick(Words.DeliverableKinds),
                Agency = agency,
                Title = $"{Pick(Words.Verbs)} {topic} {Pick(Words.Qualifiers)} in {country}",
                Items = [.. Enumerable.Range(0, _random.Next(3)).Select(_ => $"{Pick(Words.Products)} on {Pick(Words.Topics)}")],
                Status = Status(),
                Year = 2010 + _random.Next(21),
                Country = country,
                Outcomes = UniformLinks(_random.Next(3), outcomes),
                Counterparts = Links(_random.Next(3), _counterpartPick!),
                Places = Place(places),
                Themes = Links(1 + _random.Next(3), _themePick!),
                Provenance = _provenance,
            };
            return (deliverable, [.. Alignments(id, _random.Next(4), _targetPick!)]);
        }

        private void AddAlignments(string from, int count, Zipf targets)
        {
            foreach (var alignment in Alignments(from, count, targets))
            {
                Add(set.Alignments, alignment);
            }
        }

        private IEnumerable<AlignmentRecord> Alignments(string from, int count, Zipf targets) =>
            Distinct(count, () => targets.Next(_random)).Select(target => new AlignmentRecord { From = from, To = target, Provenance = _provenance });

        /// <summary>The real SDG targets, most popular first: goal 3 and goal 8 targets lead, the rest follow shuffled.</summary>
        private string[] RankTargets()
        {
            var targets = set.SdgRows.Where(r => r.Kind == "target").ToArray();
            var heavy = Shuffled(targets.Where(t => t.ParentCode is "3" or "8").Select(t => Vocabulary.SdgTargetId(t.Code)).ToArray());
            var rest = Shuffled(targets.Where(t => t.ParentCode is not ("3" or "8")).Select(t => Vocabulary.SdgTargetId(t.Code)).ToArray());
            return [.. heavy, .. rest];
        }

        private List<LinkRecord>? Place(string[] places) =>
            places.Length == 0 || _placeRandom.Next(2) == 0 ? null : [Link(places[_placeRandom.Next(places.Length)])];

        private string? Status() => _random.Next(10) == 0 ? null : Pick(Words.Statuses);

        private List<LinkRecord> Links(int count, Zipf from) => Distinct(count, () => from.Next(_random)).Select(Link).ToList();

        private List<LinkRecord> UniformLinks(int count, string[] from) =>
            Distinct(Math.Min(count, from.Length), () => from[_random.Next(from.Length)]).Select(Link).ToList();

        /// <summary>One shared link record per id: a million deliverables link to a few thousand records.</summary>
        private LinkRecord Link(string id)
        {
            if (!_links.TryGetValue(id, out var link))
            {
                _links[id] = link = new LinkRecord(id, _provenance);
            }

            return link;
        }

        private static List<string> Distinct(int count, Func<string> next)
        {
            var picked = new List<string>(count);
            for (var attempts = 0; picked.Count < count && attempts < count * 10; attempts++)
            {
                var id = next();
                if (!picked.Contains(id))
                {
                    picked.Add(id);
                }
            }

            return picked;
        }

        private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

        private T[] Shuffled<T>(T[] values)
        {
            var copy = values.ToArray();
            _random.Shuffle(copy);
            return copy;
        }

        private static void Add<T>(List<SeedEntry<T>> into, T record)
            where T : SeedRecord => into.Add(new SeedEntry<T>(FileName, into.Count, record));
    }

    /// <summary>The synthetic deliverables to come, <see cref="BatchSize"/> at a time (the last batch may hold fewer).</summary>
    public sealed record SyntheticWork(int Deliverables, int BatchSize, IEnumerable<SeedSet> Batches)
    {
        public int BatchCount => (Deliverables + BatchSize - 1) / BatchSize;
    }

    /// <summary>Draws from a list with Zipf weights: the item at rank r is picked in proportion to 1 / r^exponent.</summary>
    private sealed class Zipf
    {
        private readonly string[] _items;
        private readonly double[] _cumulative;

        public Zipf(string[] items, double exponent)
        {
            _items = items;
            _cumulative = new double[items.Length];
            var sum = 0.0;
            for (var r = 0; r < items.Length; r++)
            {
                sum += 1.0 / Math.Pow(r + 1, exponent);
                _cumulative[r] = sum;
            }
        }

        public double Share(int rank) => ((rank == 0 ? _cumulative[0] : _cumulative[rank] - _cumulative[rank - 1])) / _cumulative[^1];

        public string Next(Random random)
        {
            var index = Array.BinarySearch(_cumulative, random.NextDouble() * _cumulative[^1]);
            return _items[Math.Min(index < 0 ? ~index : index, _items.Length - 1)];
        }
    }
}
