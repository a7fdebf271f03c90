using FluentValidation;

namespace HealthGraph.Ingest.Seed.Validation;

/// <summary>STATED provenance cites a document and an excerpt that occurs in it; INFERRED gives its reason.</summary>
public sealed class ProvenanceValidator : AbstractValidator<ProvenanceRecord>
{
    public ProvenanceValidator(SeedCatalog catalog)
    {
        RuleFor(p => p.Basis)
            .Must(basis => basis is "STATED" or "INFERRED")
            .WithMessage(p => p.Basis == "DERIVED"
                ? "basis DERIVED is for links the software computes from codes (an IATI import's indicator to its target), not for seed facts: use STATED or INFERRED"
                : $"basis must be STATED or INFERRED, not '{p.Basis}'");

        When(p => p.Basis == "STATED", () =>
        {
            RuleFor(p => p.Document).NotEmpty().WithMessage("a stated fact must name its source document");
            RuleFor(p => p.Excerpt).NotEmpty().WithMessage("a stated fact must quote its excerpt");
        });

        When(p => p.Basis == "INFERRED", () =>
            RuleFor(p => p.Reason)
                .Must(reason => reason is { Length: >= 10 })
                .WithMessage("an inferred fact must give its reason (at least 10 characters)"));

        RuleFor(p => p.Document)
            .Must(catalog.IsDocument)
            .When(p => !string.IsNullOrEmpty(p.Document))
            .WithMessage(p => $"document '{p.Document}' does not exist");

        RuleFor(p => p.Excerpt)
            .Must((p, excerpt) => catalog.ExcerptOccursIn(p.Document, excerpt))
            .When(p => !string.IsNullOrEmpty(p.Excerpt) && catalog.IsDocument(p.Document))
            .WithMessage(p => $"excerpt \"{Shorten(p.Excerpt!)}\" does not occur in document '{p.Document}'");

        RuleFor(p => p.Document)
            .NotEmpty()
            .When(p => !string.IsNullOrEmpty(p.Excerpt))
            .WithMessage("an excerpt must name the document it comes from");
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";
}

/// <summary>
/// A link names an existing record of the expected label. Without provenance of its own it inherits its record's,
/// which is allowed only when that is STATED (an inferred record cannot vouch for a link).
/// </summary>
public sealed class LinkValidator : AbstractValidator<LinkRecord>
{
    /// <summary>
    /// The validators for links of one kind. Validators are built once per
    /// kind of link (two per kind: under a STATED record or not) and shared, never per link: building one costs far
    /// more than running it, which made a million-link seed spend minutes building validators.
    /// </summary>
    public sealed class Pair(SeedCatalog catalog, string noun, params string[] labels)
    {
        private readonly MemoizedValidator<LinkRecord> _underStated = new(new LinkValidator(catalog, true, noun, labels));
        private readonly MemoizedValidator<LinkRecord> _underUnstated = new(new LinkValidator(catalog, false, noun, labels));

        public MemoizedValidator<LinkRecord> For(ProvenanceRecord? recordProvenance) =>
            recordProvenance?.Basis == "STATED" ? _underStated : _underUnstated;
    }

    private LinkValidator(SeedCatalog catalog, bool recordIsStated, string noun, string[] labels)
    {
        RuleFor(l => l.Id)
            .NotEmpty().WithMessage($"the link must name the {noun}")
            .Must(id => catalog.Exists(id, labels)).WithMessage(l => $"{noun} '{l.Id}' does not exist");

        RuleFor(l => l.Provenance)
            .Must(_ => recordIsStated)
            .When(l => l.Provenance is null)
            .WithMessage("the link needs its own provenance: its record's provenance is not STATED");

        RuleFor(l => l.Provenance).Custom(catalog.Provenance.AddFailures);
    }
}
