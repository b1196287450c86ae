using ChatSphere.Agents.Chat;

namespace ChatSphere.Web.Chat;

/// <summary>
/// A turn's answer in ChatSphere's own wire format, shared by the chat API, the widget and the Chat page: one JSON
/// reply, or server-sent events (<c>delta</c>s, then <c>done</c> or <c>error</c>).
/// </summary>
public static class ChatReply
{
    /// <summary>The answer as server-sent events when the client accepts them, else as one JSON reply.</summary>
    public static async Task<IResult> ToResultAsync(HttpContext http, OpenTurn turn)
    {
        if (http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
        {
            return new ChatEventsResult((events, cancellationToken) => WriteEventsAsync(events, turn, done => done, cancellationToken));
        }

        await foreach (var update in turn.RunAsync(http.RequestAborted))
        {
            switch (update)
            {
                case ChatSaved saved:
                    return TypedResults.Ok(ChatResponse.From(saved));
                case ChatFailed failed:
                    return TypedResults.Problem(failed.Detail, statusCode: failed.Retryable ? 503 : 502, title: failed.Code);
            }
        }

        return TypedResults.Problem("The bot did not answer.", statusCode: 500);
    }

    /// <summary>
    /// The answer as <c>delta</c> events, then <c>done</c> (the stored answer, shaped by <paramref name="doneData"/>) or
    /// <c>error</c>.
    /// </summary>
    public static async Task WriteEventsAsync(
        ChatEventWriter events, OpenTurn turn, Func<ChatResponse, object> doneData, CancellationToken cancellationToken)
    {
        await foreach (var update in turn.RunAsync(cancellationToken))
        {
            switch (update)
            {
                case ChatDelta delta:
                    await events.DeltaAsync(delta.Text, cancellationToken);
                    break;
                case ChatSaved saved:
                    await events.EventAsync("done", doneData(ChatResponse.From(saved)), cancellationToken);
                    break;
                case ChatFailed failed:
                    await events.EventAsync("error", new { code = failed.Code, detail = failed.Detail, retryable = failed.Retryable }, cancellationToken);
                    break;
            }
        }
    }
}
