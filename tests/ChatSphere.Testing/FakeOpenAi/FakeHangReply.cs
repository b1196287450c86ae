namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>No response at all; see <see cref="FakeReply.Hang"/>.</summary>
public sealed record FakeHangReply : FakeReply;
