using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using ChatSphere.Agents.Answering;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Conversations;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Quotas;
using ChatSphere.Core.Telemetry;

namespace ChatSphere.Agents.Chat;

/// <summary>The running part of a turn whose question is stored: retrieve, answer, stream, report tokens, store the answer.</summary>
internal sealed class TurnRun(
    TurnRequest request, Conversation conversation, ChatTurn turn, long started, TurnTelemetry telemetry,
    ConversationService conversations, KnowledgeSearch search, IBotAnswerer answerer, AccountQuotas quotas)
{
    /// <summary>What a channel is told when PostgreSQL stops answering mid-turn; the question is stored, so trying again is safe.</summary>
    internal static ChatFailed DatabaseUnavailable { get; } = new("database_unavailable", DatabaseFailure.Detail, true);

    private readonly TurnSources _sources = new();

    public async IAsyncEnumerable<ChatUpdate> RunAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var question = turn.Message;
        // What was streamed is spent if the turn is cut short: the owner's account and the channel's budget count it.
        var streamed = new StringBuilder();
        var spent = false;
        // Markers are renumbered as they stream, so that [n] is the n-th citation in every channel.
        var numbering = new MarkerNumbering(_sources.Has);
        var rest = "";
        // The answerer's steps read the database too (retrieval, the model's searches), so a failure may come from any
        // of them; each is caught here, where an error event can still be sent, instead of breaking the stream.
        var updates = AnswerAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            telemetry.MakeCurrent();
            while (true)
            {
                ChatUpdate update;
                try
                {
                    if (!await updates.MoveNextAsync())
                    {
                        break;
                    }

                    update = updates.Current;
                    if (update is ChatDelta piece)
                    {
                        update = new ChatDelta(numbering.Push(piece.Text));
                    }
                    else if (update is ChatCompleted answered)
                    {
                        // Held back as a possible marker, it was none: it is the answer's last text, sent before the answer.
                        rest = numbering.Flush();
                        streamed.Append(rest);
                        var done = Renumbered(answered);
                        spent = true;
                        await SpendAsync(TurnTokens.Of(question, done), cancellationToken);
                        var saved = await SaveAsync(done, cancellationToken);
                        telemetry.Answered(done);
                        update = saved;
                    }
                }
                catch (Exception ex) when (DatabaseFailure.IsTransient(ex) && !cancellationToken.IsCancellationRequested)
                {
                    // Nothing of the answer was stored: the conversation keeps the question, not half an answer.
                    update = DatabaseUnavailable;
                }

                switch (update)
                {
                    case ChatDelta { Text.Length: 0 }:
                        break;
                    case ChatDelta delta:
                        telemetry.FirstToken();
                        streamed.Append(delta.Text);
                        yield return delta;
                        break;
                    case ChatSaved saved:
                        if (rest.Length > 0)
                        {
                            telemetry.FirstToken();
                            yield return new ChatDelta(rest);
                        }

                        yield return saved;
                        break;
                    case ChatFailed failed:
                        telemetry.Failed(failed.Code);
                        yield return failed;
                        yield break;
                }
            }
        }
        finally
        {
            await updates.DisposeAsync();
            // Cut short (the caller went away, or the model failed) after some text was sent: that text was spent.
            if (!spent && streamed.Length > 0)
            {
                await SpendStreamedAsync(question, streamed.ToString());
            }

            telemetry.End(cancellationToken.IsCancellationRequested);
        }
    }

    private async IAsyncEnumerable<ChatUpdate> AnswerAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var found = _sources.Add(await search.SearchAsync(turn.Bot, turn.Message, turn.Bot.RetrievalTop, cancellationToken));
        await foreach (var update in answerer.AnswerAsync(turn, found, _sources, cancellationToken).WithCancellation(cancellationToken))
        {
            yield return update;
        }
    }

    /// <summary>The answer as it was streamed: markers renumbered, and its citations exactly those markers, in order.</summary>
    private ChatCompleted Renumbered(ChatCompleted answered)
    {
        var (reply, cited) = MarkerNumbering.Renumber(answered.Reply, _sources.Has);
        return answered with { Reply = reply, Citations = _sources.CitationsFor(cited) };
    }

    /// <summary>The turn's tokens, on the bot owner's account for today, and on the channel's budget when it has one.</summary>
    private Task SpendAsync(long tokens, CancellationToken cancellationToken) =>
        request.SpendTokens is { } spend ? spend(tokens, cancellationToken) : quotas.RecordTokensAsync(turn.Bot.OwnerId, tokens, cancellationToken);

    private async Task SpendStreamedAsync(string question, string streamed)
    {
        try
        {
            await SpendAsync(TurnTokens.Streamed(question, streamed), CancellationToken.None);
        }
        catch (Exception ex) when (DatabaseFailure.IsTransient(ex))
        {
            // The database went away with the turn; the turn has already failed with a retryable error, which matters more.
        }
    }

    private async Task<ChatSaved> SaveAsync(ChatCompleted done, CancellationToken cancellationToken)
    {
        // An explicit parent: this step of the stream runs in the caller's context, not in the one that started the turn.
        using var span = ChatSphereTelemetry.Source.StartActivity(ChatSphereTelemetry.Spans.Save, ActivityKind.Internal, telemetry.Context);
        var message = await conversations.AddAsync(conversation, new Message
        {
            Role = MessageRole.Assistant,
            Content = done.Reply,
            Citations = [.. done.Citations],
            InputTokens = done.InputTokens,
            OutputTokens = done.OutputTokens,
            LatencyMs = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        }, cancellationToken);
        return new ChatSaved(conversation.Id, message.Id, done);
    }
}
