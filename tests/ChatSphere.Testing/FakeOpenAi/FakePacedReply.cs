namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>A model-like answer of a fixed length on a fixed schedule; see <see cref="FakeReply.Paced"/>.</summary>
public sealed record FakePacedReply(int Tokens, TimeSpan FirstTokenDelay, TimeSpan PerTokenDelay, string? Tag) : FakeReply
{
    /// <summary>The words of the answer, cycled; each is one token and one chunk, as OpenAI streams them.</summary>
    internal static readonly string[] Words = [" The", " answer", " is", " in", " the", " passages", " above", "."];

    internal string Content => string.Concat(Enumerable.Range(0, Tokens).Select(i => Words[i % Words.Length]));
}
