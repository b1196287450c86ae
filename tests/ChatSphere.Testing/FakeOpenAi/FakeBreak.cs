namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>How a <see cref="FakeBrokenReply"/> is broken.</summary>
public enum FakeBreak
{
    /// <summary>An HTML page instead of JSON or events.</summary>
    NotJson,

    /// <summary>Some deltas, then a <c>data:</c> line that is not JSON.</summary>
    MalformedLine,

    /// <summary>Some deltas, then the end of the body without a finish reason or <c>[DONE]</c>.</summary>
    Truncated,
}
