namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>One entry of a chat request's <c>messages</c>; content parts are joined into one string.</summary>
public sealed record FakeChatMessage(string Role, string? Content, string? ToolCallId, IReadOnlyList<FakeToolCall> ToolCalls);
