namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>A text answer; see <see cref="FakeReply.Text"/>.</summary>
public sealed record FakeTextReply(string Content, TimeSpan FirstTokenDelay, TimeSpan PerTokenDelay) : FakeReply;
