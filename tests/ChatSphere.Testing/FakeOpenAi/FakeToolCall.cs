namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>A function tool call, as the fake sends it or as a client echoes it back in an assistant message.</summary>
/// <param name="Name">The function name, as the client declared it in <c>tools</c> (SK: <c>Plugin-Function</c>).</param>
/// <param name="ArgumentsJson">The arguments as a JSON object in a string, as OpenAI sends them.</param>
/// <param name="Id">The tool call id; the fake makes one up (<c>call_...</c>) when it is null.</param>
public sealed record FakeToolCall(string Name, string ArgumentsJson, string? Id = null);
