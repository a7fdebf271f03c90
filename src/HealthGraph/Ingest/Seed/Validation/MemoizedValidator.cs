using System.Collections.Concurrent;
using FluentValidation;
using FluentValidation.Results;

namespace HealthGraph.Ingest.Seed.Validation;

/// <summary>
/// Runs a validator once per distinct value and replays its failures for every equal value after that, under the
/// property path where the value sits. Provenance and links are immutable records whose validity depends only on the
/// seed set, and a large seed repeats them thousands of times (every synthetic fact shares one provenance), so the
/// rules stay exactly the same while the work is done once per distinct value.
/// </summary>
public sealed class MemoizedValidator<T>(IValidator<T> validator)
    where T : notnull
{
    private readonly ConcurrentDictionary<T, ValidationFailure[]> _failures = new();

    /// <summary>Adds the failures of <paramref name="value"/> to <paramref name="context"/>, under its property path.</summary>
    public void AddFailures<TParent>(T? value, ValidationContext<TParent> context)
    {
        if (value is null)
        {
            return;
        }

        var failures = _failures.GetOrAdd(value, v => [.. validator.Validate(v).Errors]);
        foreach (var failure in failures)
        {
            context.AddFailure(new ValidationFailure($"{context.PropertyPath}.{failure.PropertyName}", failure.ErrorMessage, failure.AttemptedValue));
        }
    }
}
