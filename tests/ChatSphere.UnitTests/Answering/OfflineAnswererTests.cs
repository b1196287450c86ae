using ChatSphere.Agents.Answering;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Domain;

namespace ChatSphere.UnitTests.Answering;

public sealed class OfflineAnswererTests
{
    private static readonly Bot Lighthouse = new() { Name = "Lighthouse", OwnerId = "owner", FallbackMessage = "Not in my documents." };

    private readonly OfflineAnswerer _answerer = new(new ExtractiveAnswerer());

    [Fact]
    public async Task The_answer_quotes_the_passage_word_by_word_and_cites_it()
    {
        var hit = new SearchHit(Guid.NewGuid(), Guid.NewGuid(), "lighthouse.txt", "Lighthouse", null,
            "The lighthouse was built in 1854. Its lamp is visible for 22 nautical miles.", 1, 1, 0.9, 1);
        var sources = new TurnSources();

        var updates = await AnswerAsync("How far is the lamp visible?", sources.Add([hit]), sources);

        var done = Assert.IsType<ChatCompleted>(updates[^1]);
        Assert.Equal("\u201CIts lamp is visible for 22 nautical miles.\u201D [1]", done.Reply);
        Assert.True(updates.Count > 5);
        Assert.Equal(done.Reply, string.Concat(updates.OfType<ChatDelta>().Select(d => d.Text)));
        Assert.Equal(hit.ChunkId, Assert.Single(done.Citations).ChunkId);
        Assert.True(done.Offline);
        Assert.False(done.Fallback);
        Assert.Null(done.InputTokens);
    }

    [Fact]
    public async Task A_Japanese_question_is_answered_with_the_documents_exact_sentence_not_its_heading()
    {
        var hit = new SearchHit(Guid.NewGuid(), Guid.NewGuid(), "faq.md", "よくある質問 > 営業時間", null,
            "営業時間\n店舗の営業時間は午前10時から午後8時までです。定休日は水曜日です。", 1, 1, 0.9, 1);
        var sources = new TurnSources();

        var updates = await AnswerAsync("店舗の営業時間を教えてください。", sources.Add([hit]), sources);

        var done = Assert.IsType<ChatCompleted>(updates[^1]);
        Assert.Equal("\u201C店舗の営業時間は午前10時から午後8時までです。\u201D [1]", done.Reply);
        Assert.False(done.Fallback);
        Assert.Equal(hit.ChunkId, Assert.Single(done.Citations).ChunkId);
    }

    [Fact]
    public async Task With_no_passages_the_fallback_is_one_delta_without_citations()
    {
        var updates = await AnswerAsync("What is the capital of Mongolia?", [], new TurnSources());

        Assert.Equal([new ChatDelta("Not in my documents.")], updates.OfType<ChatDelta>());
        var done = Assert.IsType<ChatCompleted>(updates[^1]);
        Assert.Equal(("Not in my documents.", true, true), (done.Reply, done.Offline, done.Fallback));
        Assert.Empty(done.Citations);
    }

    [Fact]
    public async Task Passages_that_share_no_word_with_the_question_give_the_fallback_word_by_word()
    {
        var hit = new SearchHit(Guid.NewGuid(), Guid.NewGuid(), "keeper.txt", "Keeper", null, "Zzz qqq.", 1, 1, 0.1, null);
        var sources = new TurnSources();

        var updates = await AnswerAsync("How far is the lamp visible?", sources.Add([hit]), sources);

        var done = Assert.IsType<ChatCompleted>(updates[^1]);
        Assert.Equal(("Not in my documents.", true), (done.Reply, done.Fallback));
        Assert.Equal(["Not ", "in ", "my ", "documents."], updates.OfType<ChatDelta>().Select(d => d.Text));
        Assert.Empty(done.Citations);
    }

    private async Task<List<ChatUpdate>> AnswerAsync(string question, IReadOnlyList<(int, SearchHit)> found, TurnSources sources) =>
        await _answerer.AnswerAsync(new ChatTurn(Lighthouse, [], question), found, sources, CancellationToken.None).ToListAsync();
}
