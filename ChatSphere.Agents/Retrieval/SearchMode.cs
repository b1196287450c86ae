namespace ChatSphere.Agents.Retrieval;

/// <summary>Which legs of the search run: both fused (what bots use), or one alone to compare and debug.</summary>
public enum SearchMode
{
    Hybrid,
    Vector,
    Text,
}
