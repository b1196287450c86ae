namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>A 200 that is not a usable answer; see <see cref="FakeReply.NotJson"/>, <see cref="FakeReply.MalformedStream"/> and <see cref="FakeReply.Truncated"/>.</summary>
public sealed record FakeBrokenReply(FakeBreak Break, string Content) : FakeReply;
