using System.Collections.Concurrent;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>Decides each chat completion's reply: queued replies first, in order, then <see cref="Responder"/>.</summary>
public sealed class FakeChatScript
{
    private readonly ConcurrentQueue<FakeReply> _replies = new();

    /// <summary>Answers requests once the queue is empty. Defaults to <see cref="Echo"/>.</summary>
    public Func<FakeChatRequest, FakeReply> Responder { get; set; } = Echo;

    /// <summary>Replies not yet used.</summary>
    public int Pending => _replies.Count;

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _replies.Enqueue(reply);
        }
    }

    /// <summary>The default responder: quotes the last user message, so an unscripted call still gets an answer.</summary>
    public static FakeReply Echo(FakeChatRequest request) => FakeReply.Text($"You said: {request.LastUserMessage}");

    internal FakeReply Next(FakeChatRequest request) =>
        _replies.TryDequeue(out var reply) ? reply : Responder(request);
}
