using FluentValidation;
using HealthGraph.Graph;

namespace HealthGraph.Ingest.Seed.Validation;

/// <summary>Rules every seed record shares: a readable id, no unknown fields.</summary>
public abstract class SeedRecordValidator<T> : AbstractValidator<T>
    where T : SeedRecord
{
    protected SeedRecordValidator(SeedCatalog catalog, bool hasId = true)
    {
        Catalog = catalog;
        if (hasId)
        {
            RuleFor(r => r.Id)
                .NotEmpty().WithMessage("id is required")
                .Matches(Vocabulary.IdPattern).WithMessage(r => $"id '{r.Id}' must be lower-case letters, digits, '.' and '-'");
        }

        RuleFor(r => r).Custom((record, context) =>
        {
            foreach (var field in record.UnknownFields?.Keys ?? Enumerable.Empty<string>())
            {
                context.AddFailure(new FluentValidation.Results.ValidationFailure(field, "is not a field of this file (misspelt?)"));
            }
        });
    }

    protected SeedCatalog Catalog { get; }

    protected void RequireProvenance(System.Linq.Expressions.Expression<Func<T, ProvenanceRecord?>> provenance)
    {
        RuleFor(provenance).NotNull().WithMessage("provenance is required");
        RuleFor(provenance).Custom(Catalog.Provenance.AddFailures);
    }

    protected void Links(
        System.Linq.Expressions.Expression<Func<T, IEnumerable<LinkRecord>?>> links,
        Func<T, ProvenanceRecord?> recordProvenance,
        string noun,
        params string[] labels)
    {
        var validators = new LinkValidator.Pair(Catalog, noun, labels);
        RuleForEach(links).Custom((link, context) => validators.For(recordProvenance(context.InstanceToValidate)).AddFailures(link, context));
    }

    /// <summary>Rules for the progress a source reports: a known status, a plausible year.</summary>
    protected void StatusAndYear(
        System.Linq.Expressions.Expression<Func<T, string?>> status, System.Linq.Expressions.Expression<Func<T, int?>> year)
    {
        var hasStatus = status.Compile();
        OneOf(RuleFor(status), Vocabulary.Statuses, "status").When(r => hasStatus(r) is not null);
        RuleFor(year).InclusiveBetween(1945, 2100).WithMessage("year must be between 1945 and 2100");
    }

    protected static IRuleBuilderOptions<T, string?> OneOf(IRuleBuilder<T, string?> rule, IReadOnlySet<string> allowed, string what) =>
        rule.Must(value => value is not null && allowed.Contains(value))
            .WithMessage((_, value) => $"{what} '{value}' is not one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
}

public sealed class DocumentRecordValidator : SeedRecordValidator<DocumentRecord>
{
    public DocumentRecordValidator(SeedCatalog catalog) : base(catalog)
    {
        RuleFor(d => d.File).NotEmpty().WithMessage("file is required");
        RuleFor(d => d.Title).NotEmpty().WithMessage("title is required");
        OneOf(RuleFor(d => d.Kind), Vocabulary.DocumentKinds, "kind");
        RuleFor(d => d.Publisher)
            .Must(p => catalog.Exists(p, NodeLabels.Organization))
            .When(d => d.Publisher is not null)
            .WithMessage(d => $"organization '{d.Publisher}' does not exist");
        RuleFor(d => d.PublisherExcerpt)
            .NotEmpty().WithMessage("publisherExcerpt is required when a publisher is named")
            .Must((d, excerpt) => catalog.ExcerptOccursIn(d.Id, excerpt)).WithMessage(d => $"publisherExcerpt does not occur in the document '{d.File}'")
            .When(d => d.Publisher is not null);
    }
}

public sealed class OrganizationRecordValidator : SeedRecordValidator<OrganizationRecord>
{
    public OrganizationRecordValidator(SeedCatalog catalog) : base(catalog)
    {
        RuleFor(o => o.Name).NotEmpty().WithMessage("name is required");
        OneOf(RuleFor(o => o.Kind), Vocabulary.OrganizationKinds, "kind");
        var partOf = new LinkValidator.Pair(catalog, "organization", NodeLabels.Organization);
        RuleFor(o => o.PartOf).Custom((link, context) => partOf.For(context.InstanceToValidate.Provenance).AddFailures(link, context));
        RuleFor(o => o.ActiveProjectCount).GreaterThanOrEqualTo(0).WithMessage("must not be negative");
        RuleFor(o => o.ThematicServiceAreaCount).GreaterThanOrEqualTo(0).WithMessage("must not be negative");
        RuleFor(o => o.MemberStateSince)
            .Matches("^[0-9]{4}(-[0-9]{2})?$").WithMessage("must be a year or a year and month (1994-11)");
        Links(o => o.Themes, o => o.Provenance, "theme", NodeLabels.Theme);
        RuleForEach(o => o.Roles).ChildRules(role =>
        {
            role.RuleFor(r => r.Role).NotEmpty().WithMessage("role is required: the source's words for what the organization does");
            role.RuleFor(r => r.Document)
                .Must(catalog.IsDocument).WithMessage(r => $"document '{r.Document}' does not exist");
            role.RuleFor(r => r.Role)
                .Must((r, text) => catalog.ExcerptOccursIn(r.Document, text))
                .When(r => !string.IsNullOrEmpty(r.Role) && catalog.IsDocument(r.Document))
                .WithMessage(r => $"role \"{r.Role}\" does not occur in document '{r.Document}': a role is quoted, not paraphrased");
            role.RuleFor(r => r.ConfirmedBy)
                .Must(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
                .WithMessage(r => $"confirmedBy '{r.ConfirmedBy}' must be the http(s) address of the public page that confirms the role");
        });
        RequireProvenance(o => o.Provenance);
    }
}

public sealed class FrameworkRecordValidator : SeedRecordValidator<FrameworkRecord>
{
    public FrameworkRecordValidator(SeedCatalog catalog) : base(catalog)
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("name is required");
        RuleFor(f => f.ManagedBy)
            .Must(id => catalog.Exists(id, NodeLabels.Organization))
            .WithMessage(f => $"organization '{f.ManagedBy}' does not exist");
        RequireProvenance(f => f.Provenance);
    }
}

public sealed class IndicatorRecordValidator : SeedRecordValidator<IndicatorRecord>
{
    public IndicatorRecordValidator(SeedCatalog catalog) : base(catalog)
    {
        RuleFor(i => i.Code).NotEmpty().WithMessage("code is required");
        RuleFor(i => i.Title).NotEmpty().WithMessage("title is required");
        RuleFor(i => i.Framework)
            .Must(id => catalog.Exists(id, NodeLabels.ResultsFramework))
            .WithMessage(i => $"results framework '{i.Framework}' does not exist");
        RequireProvenance(i => i.Provenance);
    }
}

public sealed class OutcomeRecordValidator : SeedRecordValidator<OutcomeRecord>
{
    public OutcomeRecordValidator(SeedCatalog catalog) : base(catalog)
    {
        RuleFor(o => o.Statement).NotEmpty().WithMessage("statement is required");
        OneOf(RuleFor(o => o.Level), Vocabulary.OutcomeLevels, "level");
        StatusAndYear(o => o.Status, o => o.Year);
        RuleFor(o => o.Partnership)
            .Must((o, partnership) => partnership is null || (o.Provenance?.Excerpt is { } excerpt && Excerpts.OccursIn(excerpt, partnership)))
            .WithMessage("partnership must be quoted by the outcome's own excerpt (the source's words for it)");
        RuleFor(o => o.Framework)
            .Must(id => catalog.Exists(id, NodeLabels.ResultsFramework))
            .WithMessage(o => $"results framework '{o.Framework}' does not exist");
        Links(o => o.ContributesTo, o => o.Provenance, "outcome", NodeLabels.Outcome);
        Links(o => o.Indicators, o => o.Provenance, "indicator", NodeLabels.Indicator);
        Links(o => o.Themes, o => o.Provenance, "theme", NodeLabels.Theme);
        RequireProvenance(o => o.Provenance);
    }
}

public sealed class DeliverableRecordValidator : SeedRecordValidator<DeliverableRecord>
{
    public DeliverableRecordValidator(SeedCatalog catalog) : base(catalog)
    {
        RuleFor(d => d.Title).NotEmpty().WithMessage("title is required");
        OneOf(RuleFor(d => d.Kind), Vocabulary.DeliverableKinds, "kind");
        StatusAndYear(d => d.Status, d => d.Year);
        RuleFor(d => d.Agency)
            .Must(id => catalog.Exists(id, NodeLabels.Organization))
            .WithMessage(d => $"agency '{d.Agency}' does not exist");
        RuleForEach(d => d.Items).NotEmpty().WithMessage("an item must not be empty");
        Links(d => d.Outcomes, d => d.Provenance, "outcome", NodeLabels.Outcome);
        Links(d => d.Counterparts, d => d.Provenance, "organization", NodeLabels.Organization);
        Links(d => d.Themes, d => d.Provenance, "theme", NodeLabels.Theme);
        Links(d => d.Places, d => d.Provenance, "place", NodeLabels.Place);
        RequireProvenance(d => d.Provenance);
    }
}

public sealed class PlaceRecordValidator : SeedRecordValidator<PlaceRecord>
{
    public PlaceRecordValidator(SeedCatalog catalog) : base(catalog)
    {
        RuleFor(p => p.Id).Must(id => id is null || id.StartsWith("place-", StringComparison.Ordinal))
            .WithMessage(p => $"id '{p.Id}' must start with 'place-'");

        // A gazetteer place: only its ISO 3166-2 code or its other names, each quoted by the provenance.
        When(p => catalog.InGazetteer(p.Id), () =>
        {
            RuleFor(p => p).Must(p => p.Name is null && p.Level is null && p.Code is null && p.PartOf is null)
                .WithName("place").WithMessage(p => $"'{p.Id}' is in the gazetteer, which gives its name, level, code and parent; a record may add only its isoCode and aliases");
            RuleFor(p => p).Must(p => p.IsoCode is not null || p.Aliases is { Count: > 0 })
                .WithName("place").WithMessage("a record of a place of the gazetteer adds its isoCode or its aliases");
        }).Otherwise(() =>
        {
            RuleFor(p => p.Name).NotEmpty().WithMessage("name is required");
            OneOf(RuleFor(p => p.Level), Vocabulary.PlaceLevels.ToHashSet(StringComparer.Ordinal), "level");
            RuleFor(p => p.PartOf).Must(link => link is null || catalog.Exists(link.Id, NodeLabels.Place))
                .WithMessage(p => $"place '{p.PartOf?.Id}' does not exist");
        });
        RuleFor(p => p.IsoCode).Must((p, code) => code is null || (p.Provenance?.Excerpt is { } excerpt && Excerpts.OccursIn(excerpt, code)))
            .WithMessage("isoCode must be quoted by the record's excerpt");
        RuleForEach(p => p.Aliases).Must((p, alias) => !string.IsNullOrWhiteSpace(alias) && p.Provenance?.Excerpt is { } excerpt && Excerpts.OccursIn(excerpt, alias))
            .WithMessage((p, alias) => $"the alias '{alias}' must be quoted by the record's excerpt");
        RequireProvenance(p => p.Provenance);
    }
}

public sealed class ThemeRecordValidator : SeedRecordValidator<ThemeRecord>
{
    public ThemeRecordValidator(SeedCatalog catalog) : base(catalog)
    {
        RuleFor(t => t.Name).NotEmpty().WithMessage("name is required");
        RuleFor(t => t.Language).NotEmpty().When(t => t.OriginalLabel is not null)
            .WithMessage("the language of the original label is required");
        RequireProvenance(t => t.Provenance);
    }
}

public sealed class AlignmentRecordValidator : SeedRecordValidator<AlignmentRecord>
{
    public AlignmentRecordValidator(SeedCatalog catalog) : base(catalog, hasId: false)
    {
        RuleFor(a => a.From)
            .Must(id => catalog.Exists(id, NodeLabels.Outcome, NodeLabels.Deliverable))
            .WithMessage(a => $"outcome or deliverable '{a.From}' does not exist");
        RuleFor(a => a.To)
            .Must(id => catalog.Exists(id, NodeLabels.SdgTarget, NodeLabels.SdgGoal))
            .WithMessage(a => $"SDG target or goal '{a.To}' does not exist");
        RequireProvenance(a => a.Provenance);
    }
}
