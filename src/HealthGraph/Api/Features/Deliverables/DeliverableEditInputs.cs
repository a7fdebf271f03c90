using FluentValidation;
using GraphQL.Types;
using HealthGraph.Api.Features.Common;
using HealthGraph.Graph;
using HealthGraph.Store;

namespace HealthGraph.Api.Features.Deliverables;

/// <summary>The fields of a deliverable that every input sets, so that one validator holds their rules.</summary>
public interface IDeliverableFields
{
    string? Title { get; }

    string? StatusLabel { get; }

    string? Country { get; }

    string? Note { get; }

    int? Year { get; }

    IReadOnlyList<string>? Items { get; }

    /// <summary>When it starts (planned): a year, a month or a day, as WorkPeriod reads them.</summary>
    string? StartDate { get; }

    /// <summary>When it ends (planned): a year, a month or a day.</summary>
    string? EndDate { get; }

    /// <summary>Whether the input sets the field (its GraphQL name): always for a whole state, only what a patch names.</summary>
    bool Sets(string field);
}

/// <summary>The rules of a deliverable's fields, for every input that sets them (the one home of these limits).</summary>
public sealed class DeliverableFieldsValidator : AbstractValidator<IDeliverableFields>
{
    public DeliverableFieldsValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(500).When(x => x.Sets("title"));
        RuleFor(x => x.StatusLabel).MaximumLength(200);
        RuleFor(x => x.Country).MaximumLength(100);
        RuleFor(x => x.Note).MaximumLength(2000);
        RuleFor(x => x.Year).InclusiveBetween(1945, 2100);
        RuleFor(x => x.Items).Must(items => items!.Count <= 100).When(x => x.Items is not null).WithErrorCode("TOO_MANY").WithMessage("At most 100 items.");
        RuleForEach(x => x.Items).NotEmpty().MaximumLength(500);
        RuleFor(x => x.StartDate).Must(date => WorkPeriod.First(date) is not null).When(x => x.StartDate is not null).WithErrorCode("NOT_A_DATE")
            .WithMessage("'{PropertyValue}' is not a date: write a year (2025), a month (2025-03) or a day (2025-03-15).");
        RuleFor(x => x.EndDate).Must(date => WorkPeriod.First(date) is not null).When(x => x.EndDate is not null).WithErrorCode("NOT_A_DATE")
            .WithMessage("'{PropertyValue}' is not a date: write a year (2025), a month (2025-03) or a day (2025-03-15).");
        RuleFor(x => x.EndDate)
            .Must((input, end) => string.CompareOrdinal(WorkPeriod.Last(end), WorkPeriod.First(input.StartDate)) >= 0)
            .When(x => WorkPeriod.First(x.StartDate) is not null && WorkPeriod.First(x.EndDate) is not null)
            .WithErrorCode("ENDS_BEFORE_START").WithMessage(x => $"It ends ({x.EndDate}) before it starts ({x.StartDate}).");
    }
}

/// <summary>A deliverable's whole state, as createDeliverable and upsertDeliverable (deprecated) take it.</summary>
public abstract record DeliverableState : IDeliverableFields
{
    public string Id { get; init; } = "";

    public string? Title { get; init; }

    public string Kind { get; init; } = "";

    public string? Status { get; init; }

    public string? StatusLabel { get; init; }

    public int? Year { get; init; }

    public string? Country { get; init; }

    public IReadOnlyList<string>? Items { get; init; }

    public string? Note { get; init; }

    public IReadOnlyList<string>? OutcomeIds { get; init; }

    public IReadOnlyList<string>? CounterpartIds { get; init; }

    public IReadOnlyList<string>? ThemeIds { get; init; }

    public string? StartDate { get; init; }

    public string? EndDate { get; init; }

    public IReadOnlyList<string>? PlaceIds { get; init; }

    public SourceInput Source { get; init; } = new();

    public bool Sets(string field) => true;
}

/// <summary>The GraphQL fields of a <see cref="DeliverableState"/>, declared once for each input that takes one.</summary>
internal static class DeliverableStateFields
{
    public static void AddTo<T>(InputObjectGraphType<T> type)
        where T : DeliverableState
    {
        type.Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("Its id: lower-case letters, digits, '.' and '-', such as 'who-hwf-strategy'.");
        type.Field(x => x.Title, type: typeof(NonNullGraphType<StringGraphType>)).Description("Its title.");
        type.Field(x => x.Kind, type: typeof(NonNullGraphType<DeliverableKindEnum>)).Description("What kind of work it is.");
        type.Field(x => x.Status, type: typeof(StatusEnum)).Description("Its status, if the source reports one.");
        type.Field(x => x.StatusLabel, nullable: true).Description("The source's own words for the status.");
        type.Field(x => x.Year, nullable: true).Description("The year the source reports it in (1945 to 2100).");
        type.Field(x => x.Country, nullable: true).Description("The country it is for.");
        type.Field(x => x.Items, type: typeof(ListGraphType<NonNullGraphType<StringGraphType>>)).Description("Its items or sub-deliverables.");
        type.Field(x => x.Note, nullable: true).Description("A note.");
        type.Field(x => x.OutcomeIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("The ids of the outcomes it serves.");
        type.Field(x => x.CounterpartIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("The ids of the national counterparts it supports.");
        type.Field(x => x.ThemeIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("The ids of its themes.");
    }
}

/// <summary>A new deliverable: its whole state, and the agencies that deliver it.</summary>
public sealed record CreateDeliverableInput : DeliverableState
{
    public IReadOnlyList<string> AgencyIds { get; init; } = [];
}

public sealed class CreateDeliverableInputType : InputObjectGraphType<CreateDeliverableInput>
{
    public CreateDeliverableInputType()
    {
        Name = "CreateDeliverableInput";
        Description = "A new deliverable. Its id must be new: an id in use is a ConflictError (updateDeliverable edits an existing one).";
        DeliverableStateFields.AddTo(this);
        Field(x => x.AgencyIds, type: typeof(NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>)).Description("The ids of the agencies that deliver it (at least one).");
        Field(x => x.StartDate, nullable: true).Description("When it starts: a year (2025), a month (2025-03) or a day (2025-03-15). With endDate (or year alone) it gives the period activeIn filters by.");
        Field(x => x.EndDate, nullable: true).Description("When it ends: a year, a month or a day, not before startDate.");
        Field(x => x.PlaceIds, type: typeof(ListGraphType<NonNullGraphType<IdGraphType>>)).Description("The ids of the places (regions, districts) where it happens.");
        Field(x => x.Source, type: typeof(NonNullGraphType<SourceInputType>)).Description("Where it is recorded: its source document and excerpt, or your reason. Its links take the same source.");
    }
}

public sealed class CreateDeliverableInputValidator : AbstractValidator<CreateDeliverableInput>
{
    public CreateDeliverableInputValidator(IGraphStore store, IValidator<SourceInput> sourceValidator)
    {
        Include(new DeliverableFieldsValidator());
        RuleFor(x => x.Id).Matches(Vocabulary.IdPattern).WithErrorCode("INVALID_ID")
            .WithMessage("'{PropertyValue}' is not a valid id: use 1 to 128 lower-case letters, digits, '.' and '-', starting with a letter or digit.");
        RuleFor(x => x.AgencyIds).NotEmpty().WithMessage("Name at least one agency that delivers it.");
        RuleFor(x => x.Source).SetValidator(sourceValidator);
        RuleFor(x => x).CustomAsync(async (input, context, cancellationToken) =>
            await References.CheckAsync(store, context, input.Id, NodeLabels.Deliverable,
                [(nameof(input.AgencyIds), input.AgencyIds, NodeLabels.Organization),
                (nameof(input.OutcomeIds), input.OutcomeIds, NodeLabels.Outcome),
                (nameof(input.CounterpartIds), input.CounterpartIds, NodeLabels.Organization),
                (nameof(input.ThemeIds), input.ThemeIds, NodeLabels.Theme),
                (nameof(input.PlaceIds), input.PlaceIds, NodeLabels.Place)],
                cancellationToken));
    }
}

/// <summary>
/// A patch of an existing deliverable: what it names is set (an explicit null clears it), what it leaves out is kept.
/// The GraphQL type keeps the fields the request named (<see cref="Named"/>), which a record alone cannot tell from nulls.
/// </summary>
public sealed record UpdateDeliverableInput : IDeliverableFields
{
    public string Id { get; init; } = "";

    public DateTimeOffset ExpectedUpdatedAt { get; init; }

    public IReadOnlySet<string> Named { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public IReadOnlyList<string>? AgencyIds { get; init; }

    public string? Title { get; init; }

    public string? Kind { get; init; }

    public string? Status { get; init; }

    public string? StatusLabel { get; init; }

    public int? Year { get; init; }

    public string? Country { get; init; }

    public IReadOnlyList<string>? Items { get; init; }

    public string? Note { get; init; }

    public IReadOnlyList<string>? OutcomeIds { get; init; }

    public IReadOnlyList<string>? CounterpartIds { get; init; }

    public IReadOnlyList<string>? ThemeIds { get; init; }

    public string? StartDate { get; init; }

    public string? EndDate { get; init; }

    public IReadOnlyList<string>? PlaceIds { get; init; }

    public SourceInput? Source { get; init; }

    public bool Sets(string field) => Named.Contains(field);

    internal static UpdateDeliverableInput From(IDictionary<string, object?> fields)
    {
        string? Text(string name) => fields.TryGetValue(name, out var value) ? value?.ToString() : null;
        IReadOnlyList<string>? Ids(string name) =>
            fields.TryGetValue(name, out var value) && value is IEnumerable<object?> list ? [.. list.Select(v => v?.ToString() ?? "")] : null;
        return new UpdateDeliverableInput
        {
            Named = new HashSet<string>(fields.Keys, StringComparer.Ordinal),
            Id = Text("id") ?? "",
            ExpectedUpdatedAt = fields.TryGetValue("expectedUpdatedAt", out var at) && at is DateTimeOffset expected ? expected : default,
            AgencyIds = Ids("agencyIds"),
            Title = Text("title"),
            Kind = Text("kind"),
            Status = Text("status"),
            StatusLabel = Text("statusLabel"),
            Year = fields.TryGetValue("year", out var year) && year is int y ? y : null,
            Country = Text("country"),
            Items = Ids("items"),
            Note = Text("note"),
            OutcomeIds = Ids("outcomeIds"),
            CounterpartIds = Ids("counterpartIds"),
            ThemeIds = Ids("themeIds"),
            StartDate = Text("startDate"),
            EndDate = Text("endDate"),
            PlaceIds = Ids("placeIds"),
            Source = fields.TryGetValue("source", out var source) ? source as SourceInput : null,
        };
    }
}

public sealed class UpdateDeliverableInputType : InputObjectGraphType<UpdateDeliverableInput>
{
    public UpdateDeliverableInputType()
    {
        Name = "UpdateDeliverableInput";
        Description = "A patch of an existing deliverable: a field you name is set (null clears it; title, kind and agencyIds cannot be cleared), a field you leave out is kept. "
            + "A list replaces that set of links: links it keeps stay as they are, with their sources. expectedUpdatedAt is the version you edit (its audit.updatedAt); "
            + "if it changed since, nothing is written and errors holds a ConflictError with the version now. "
            + "On an activity imported from IATI, the fields its import writes (title, kind, status, country, agencyIds, themeIds, outcomeIds) come from its publisher and cannot be edited here.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The deliverable's id.");
        Field<NonNullGraphType<DateTimeOffsetGraphType>>("expectedUpdatedAt").Description("Its audit.updatedAt as you read it.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("agencyIds").Description("The ids of the agencies that deliver it (replaces them; at least one).");
        Field<StringGraphType>("title").Description("Its title.");
        Field<DeliverableKindEnum>("kind").Description("What kind of work it is.");
        Field<StatusEnum>("status").Description("Its status (null: the source reports none).");
        Field<StringGraphType>("statusLabel").Description("The source's own words for the status.");
        Field<IntGraphType>("year").Description("The year the source reports it in (1945 to 2100).");
        Field<StringGraphType>("country").Description("The country it is for.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("items").Description("Its items or sub-deliverables (replaces them).");
        Field<StringGraphType>("note").Description("A note.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("outcomeIds").Description("The ids of the outcomes it serves (replaces them; null or [] removes them).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("counterpartIds").Description("The ids of the national counterparts it supports (replaces them).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themeIds").Description("The ids of its themes (replaces them).");
        Field<StringGraphType>("startDate").Description("When it starts: a year (2025), a month (2025-03) or a day (2025-03-15).");
        Field<StringGraphType>("endDate").Description("When it ends: a year, a month or a day, not before startDate.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("placeIds").Description("The ids of the places where it happens (replaces them).");
        Field<SourceInputType>("source").Description("Where the new facts are recorded; it becomes the deliverable's source, and new links take it. Left out: the deliverable's source stays, and new links take it.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => UpdateDeliverableInput.From(value);
}

public sealed class UpdateDeliverableInputValidator : AbstractValidator<UpdateDeliverableInput>
{
    public UpdateDeliverableInputValidator(IGraphStore store, IValidator<SourceInput> sourceValidator)
    {
        Include(new DeliverableFieldsValidator());
        RuleFor(x => x.Kind).NotEmpty().When(x => x.Sets("kind")).WithMessage("A deliverable always has a kind; name another one instead.");
        RuleFor(x => x.AgencyIds).NotEmpty().When(x => x.Sets("agencyIds")).WithMessage("Name at least one agency that delivers it.");
        RuleFor(x => x.Source!).SetValidator(sourceValidator).When(x => x.Source is not null);
        RuleFor(x => x).CustomAsync(async (input, context, cancellationToken) =>
            await References.CheckAsync(store, context, null, null,
                [(nameof(input.AgencyIds), input.AgencyIds, NodeLabels.Organization),
                (nameof(input.OutcomeIds), input.OutcomeIds, NodeLabels.Outcome),
                (nameof(input.CounterpartIds), input.CounterpartIds, NodeLabels.Organization),
                (nameof(input.ThemeIds), input.ThemeIds, NodeLabels.Theme),
                (nameof(input.PlaceIds), input.PlaceIds, NodeLabels.Place)],
                cancellationToken));
    }
}

/// <summary>A deliverable to delete, at the version the editor saw.</summary>
public sealed record DeleteDeliverableInput
{
    public string Id { get; init; } = "";

    public DateTimeOffset ExpectedUpdatedAt { get; init; }
}

public sealed class DeleteDeliverableInputType : InputObjectGraphType<DeleteDeliverableInput>
{
    public DeleteDeliverableInputType()
    {
        Name = "DeleteDeliverableInput";
        Description = "A deliverable to delete, and the version you saw.";
        Field(x => x.Id, type: typeof(NonNullGraphType<IdGraphType>)).Description("The deliverable's id.");
        Field(x => x.ExpectedUpdatedAt, type: typeof(NonNullGraphType<DateTimeOffsetGraphType>)).Description("Its audit.updatedAt as you read it.");
    }
}
