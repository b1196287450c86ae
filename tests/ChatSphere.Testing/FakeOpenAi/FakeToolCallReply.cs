namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>One or more tool calls; see <see cref="FakeReply.ToolCalls"/>.</summary>
public sealed record FakeToolCallReply(IReadOnlyList<FakeToolCall> Calls) : FakeReply;
