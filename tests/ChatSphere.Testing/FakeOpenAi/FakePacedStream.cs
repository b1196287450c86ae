using System.Diagnostics;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>
/// When the fake sent one paced reply, so a client in the same process can subtract the model's own time from what it
/// saw. The times are <see cref="Stopwatch.GetTimestamp"/> values: comparable with the caller's own, not across processes.
/// </summary>
/// <param name="Tag">The reply's <see cref="FakePacedReply.Tag"/>, to match the response to the request that caused it.</param>
/// <param name="ReceivedAt">The request had been read and the reply was about to start.</param>
/// <param name="FirstTokenAt">The first content chunk was flushed.</param>
/// <param name="LastTokenAt">The last content chunk was flushed (the finish, usage and <c>[DONE]</c> chunks follow at once).</param>
public sealed record FakePacedStream(string? Tag, int Tokens, long ReceivedAt, long FirstTokenAt, long LastTokenAt)
{
    /// <summary>What the model itself took to the first token, as it actually happened (the nominal delay plus any lateness).</summary>
    public TimeSpan FirstToken => Stopwatch.GetElapsedTime(ReceivedAt, FirstTokenAt);

    /// <summary>What the model itself took to the last token.</summary>
    public TimeSpan LastToken => Stopwatch.GetElapsedTime(ReceivedAt, LastTokenAt);
}
