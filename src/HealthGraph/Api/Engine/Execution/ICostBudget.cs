namespace HealthGraph.Api.Engine.Execution;

/// <summary>What one client may still spend; <see cref="TryCharge"/> says how long to wait when a price is over it.</summary>
public interface ICostBudget
{
    /// <summary>Charges the points; null when they were spent, else how long until they can be.</summary>
    TimeSpan? TryCharge(double points);
}
