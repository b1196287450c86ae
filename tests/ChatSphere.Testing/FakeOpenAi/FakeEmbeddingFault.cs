namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>How the fake's embeddings endpoint breaks its answers (<see cref="FakeOpenAiServer.EmbeddingFault"/>).</summary>
public enum FakeEmbeddingFault
{
    None,

    /// <summary>200 with an HTML page.</summary>
    NotJson,

    /// <summary>Valid JSON whose vectors differ in length within one answer (the i-th has i more dimensions than the model's).</summary>
    WrongDimensions,
}
