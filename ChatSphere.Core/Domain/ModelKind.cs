namespace ChatSphere.Core.Domain;

public enum ModelKind
{
    /// <summary>Answers questions (a bot's "model").</summary>
    Chat,

    /// <summary>Turns text into vectors (a bot's "embeddingModel").</summary>
    Embedding,
}
