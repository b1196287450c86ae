namespace ChatSphere.Agents.Retrieval;

/// <summary>
/// A fused candidate: <see cref="Score"/> scaled to 0..1 (1 = first in every leg) and its 1-based rank in each leg,
/// in the order the legs were given (null where that leg did not find it).
/// </summary>
public sealed record FusedRank(Guid Id, double Score, int?[] Ranks);
