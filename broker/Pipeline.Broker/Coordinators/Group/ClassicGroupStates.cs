namespace Pipeline.Broker.Coordinators.Group;

/// <summary>Names (as ListGroups/DescribeGroups report them) and valid transitions of <see cref="ClassicGroupState"/>.</summary>
public static class ClassicGroupStates
{
    public static string Name(ClassicGroupState state) => state switch
    {
        ClassicGroupState.Empty => "Empty",
        ClassicGroupState.PreparingRebalance => "PreparingRebalance",
        ClassicGroupState.CompletingRebalance => "CompletingRebalance",
        ClassicGroupState.Stable => "Stable",
        _ => "Dead",
    };

    public static bool CanTransition(ClassicGroupState from, ClassicGroupState to) => to switch
    {
        ClassicGroupState.Empty => from == ClassicGroupState.PreparingRebalance,
        ClassicGroupState.PreparingRebalance => from is ClassicGroupState.Stable or ClassicGroupState.CompletingRebalance or ClassicGroupState.Empty,
        ClassicGroupState.CompletingRebalance => from == ClassicGroupState.PreparingRebalance,
        ClassicGroupState.Stable => from == ClassicGroupState.CompletingRebalance,
        _ => true,
    };
}
