using Microsoft.AspNetCore.Http;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary><c>POST /v1/chat/completions</c>: asks the script for a reply and sends it whole or as a stream.</summary>
internal sealed class ChatCompletionsEndpoint(FakeChatScript script, CancellationToken stopping)
{
    private int _active;

    /// <summary>Replies being written now, streams included.</summary>
    public int Active => Volatile.Read(ref _active);

    public async Task HandleAsync(HttpContext context)
    {
        if (FakeOpenAiServer.Recorded(context).Json is not { } json || FakeChatRequest.TryParse(json) is not { } request)
        {
            await OpenAiErrors.BadRequestAsync(context, "We could not parse the JSON body of your request: it needs 'model' and 'messages'.");
            return;
        }

        var reply = script.Next(request);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        Interlocked.Increment(ref _active);
        try
        {
            await (request.Stream
                ? new ChatStream(context, request, cancel.Token).WriteAsync(reply)
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
