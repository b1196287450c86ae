using System.Diagnostics;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;
using OpenAI.Chat;

namespace ChatSphere.IntegrationTests.FakeOpenAi;

/// <summary>The paced reply the widget benchmark uses: a model's schedule, many streams at once, send times recorded.</summary>
[Collection(TimingCollection.Name)]
public sealed class PacedReplyTests
{
    [Fact]
    public async Task Paced_streams_run_side_by_side_on_schedule_and_record_their_send_times()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Responder = request => FakeReply.Paced(10, TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(20), request.LastUserMessage);
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        var started = Stopwatch.GetTimestamp();
        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
        {
            var (text, pieces, usage) = ("", 0, (ChatTokenUsage?)null);
            await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage($"q{i}")]))
            {
                foreach (var part in update.ContentUpdate.Where(p => p.Text.Length > 0))
                {
                    (text, pieces) = (text + part.Text, pieces + 1);
                }

                usage ??= update.Usage;
            }

            return (Tag: $"q{i}", Text: text, Pieces: pieces, Usage: usage);
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.All(replies, r => Assert.Equal(10, r.Pieces));
        Assert.All(replies, r => Assert.Equal(" The answer is in the passages above. The answer", r.Text));
        Assert.All(replies, r => Assert.Equal(10, r.Usage?.OutputTokenCount));
        // 2 s + 9 x 20 ms each, all at once: far less than 50 of them one after another.
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(2180), TimeSpan.FromSeconds(15));
        // On a busy 2-core machine the SDK's 50 requests reached the fake over up to 1.2 s, hence the 2 s first token.
        Assert.Equal(50, server.PeakChatResponses);
        Assert.Equal(replies.Select(r => r.Tag).Order(), server.PacedStreams.Select(s => s.Tag).Order());
        Assert.All(server.PacedStreams, s =>
        {
            Assert.InRange(s.FirstToken, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));
            // Token i is due at 2 s + i x 20 ms from the request, however late the first one went out.
            Assert.InRange(s.LastToken, TimeSpan.FromMilliseconds(2180), TimeSpan.FromSeconds(6));
        });
    }

    [Fact]
    public async Task Paced_reply_without_streaming_comes_whole_after_its_schedule()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Chat.Enqueue(FakeReply.Paced(3, TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(10)));
        var chat = FakeClients.OpenAi(server).GetChatClient(FakeOpenAiServer.ChatModel);

        var started = Stopwatch.GetTimestamp();
        ChatCompletion completion = await chat.CompleteChatAsync([new UserChatMessage("Hi")]);

        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(70));
        Assert.Equal(" The answer is", completion.Content.Single().Text);
        Assert.Equal(3, completion.Usage.OutputTokenCount);
    }
}
