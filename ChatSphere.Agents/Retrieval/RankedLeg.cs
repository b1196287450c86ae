namespace ChatSphere.Agents.Retrieval;

/// <summary>One ranking to fuse, best first, and how much a place in it counts.</summary>
public sealed record RankedLeg(IReadOnlyList<Guid> Ids, double Weight = 1.0);
