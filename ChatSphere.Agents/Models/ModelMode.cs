namespace ChatSphere.Agents.Models;

public enum ModelMode
{
    /// <summary>No key configured: ChatSphere's own local embedder and extractive answerer.</summary>
    Offline,

    /// <summary>A configured OpenAI-compatible endpoint.</summary>
    OpenAiCompatible,
}
