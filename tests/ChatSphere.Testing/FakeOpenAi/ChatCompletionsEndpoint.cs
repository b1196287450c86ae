using Microsoft.AspNetCore.Http;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary><c>POST /v1/chat/completions</c>: asks the script for a reply and sends it whole or as a stream.</summary>
internal sealed class ChatCompletionsEndpoint(FakeChatScript script, CancellationToken stopping)
{
    private readonly FakePacer _pacer = new(stopping);
    private readonly System.Collections.Concurrent.ConcurrentQueue<FakePacedStream> _paced = new();
    private int _active;
    private int _peak;

    /// <summary>Replies being written now, streams included.</summary>
    public int Active => Volatile.Read(ref _active);

    /// <summary>The most replies in flight at once since the start or the last <see cref="ResetPeak"/>.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public IReadOnlyList<FakePacedStream> Paced => [.. _paced];

    public void ResetPeak() => Volatile.Write(ref _peak, Active);

    public async Task HandleAsync(HttpContext context)
    {
        if (FakeOpenAiServer.Recorded(context).Json is not { } json || FakeChatRequest.TryParse(json) is not { } request)
        {
            await OpenAiErrors.BadRequestAsync(context, "We could not parse the JSON body of your request: it needs 'model' and 'messages'.");
            return;
        }

        var reply = script.Next(request);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var active = Interlocked.Increment(ref _active);
        for (var peak = Peak; active > peak && Interlocked.CompareExchange(ref _peak, active, peak) != peak; peak = Peak)
        {
        }

        try
        {
            await (request.Stream
                ? new ChatStream(context, request, _pacer, _paced.Enqueue, cancel.Token).WriteAsync(reply)
                : ChatCompletion.WriteAsync(context, request, reply, cancel.Token));
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The client gave up or the fake is stopping: drop the connection as a dead upstream would.
            context.Abort();
        }
        finally
        {
            Interlocked.Decrement(ref _active);
        }
    }
}
