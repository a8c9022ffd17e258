namespace Pipeline.Broker.Coordinators.Group;

/// <summary>
/// States of a classic group (Kafka's ClassicGroupState). Valid moves:
/// <code>
/// Empty               &lt;- PreparingRebalance
/// PreparingRebalance  &lt;- Stable, CompletingRebalance, Empty
/// CompletingRebalance &lt;- PreparingRebalance
/// Stable              &lt;- CompletingRebalance
/// Dead                &lt;- any
/// </code>
/// </summary>
public enum ClassicGroupState
{
    Empty,
    PreparingRebalance,
    CompletingRebalance,
    Stable,
    Dead,
}
