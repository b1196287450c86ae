namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>An HTTP error; see <see cref="FakeReply.Error"/>.</summary>
public sealed record FakeErrorReply(int Status, string? Code, string Message, TimeSpan? RetryAfter) : FakeReply;
