namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>A stream that stops mid-answer; see <see cref="FakeReply.Stall"/>.</summary>
public sealed record FakeStallReply(string PartialText) : FakeReply;
