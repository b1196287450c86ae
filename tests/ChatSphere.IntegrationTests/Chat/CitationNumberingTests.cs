using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.IntegrationTests.Widget;
using ChatSphere.Testing.FakeOpenAi;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Chat;

/// <summary>A reply's [n] is its n-th citation, on every channel, whatever numbers the model used.</summary>
[Collection(ModelsCollection.Name)]
public sealed partial class CitationNumberingTests(ModelsFactory app)
{
    private const string Question = "What do otters and beavers do?";
    private const string Shop = "https://shop.example";

    [Fact]
    public async Task Every_channel_numbers_markers_as_its_citations_and_drops_invented_ones()
    {
        var (api, browser, bot, publicKey) = await Channels.OwnerWithZooAsync(app, Shop);
        using var owner = api;
        using var signedIn = browser;
        using var visitor = WidgetVisitor.Create(app, Shop);
        var (token, _) = await visitor.SessionAsync(publicKey);
        app.Model.Chat.Responder = CiteTheSecondSourceFirst;
        try
        {
            foreach (var events in new[]
                     {
                         await Sse.ChatAsync(api.Http, bot, new { message = Question }),
                         await visitor.ChatEventsAsync(token, Question),
                         await Channels.PageChatAsync(browser, bot, Question),
                     })
            {
                var done = Assert.Single(events, e => e.Event == "done").Data;
                // The page's event carries the answer beside its rendered HTML.
                done = done.TryGetProperty("done", out var answer) ? answer : done;
                // What was streamed is what was stored and cited.
                Assert.Equal(done.GetProperty("reply").GetString(), Sse.Text(events));
                AssertNumbered(done.GetProperty("reply").GetString()!, [.. done.GetProperty("citations").EnumerateArray()]);
            }

            var json = await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = Question });
            var reply = await json.Content.ReadFromJsonAsync<JsonElement>();
            AssertNumbered(reply.GetProperty("reply").GetString()!, [.. reply.GetProperty("citations").EnumerateArray()]);

            var completion = await api.Http.PostAsJsonAsync("/v1/chat/completions", new { model = bot.ToString(), messages = new[] { new { role = "user", content = Question } } });
            var body = await completion.Content.ReadFromJsonAsync<JsonElement>();
            var content = body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
            AssertNumbered(content, [.. body.GetProperty("citations").EnumerateArray()]);
            var streamed = string.Concat((await Channels.V1StreamAsync(api.Http, bot, Question))
                .Where(line => line != "[DONE]")
                .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("choices")[0].GetProperty("delta"))
                .Select(delta => delta.TryGetProperty("content", out var text) ? text.GetString() : null));
            Assert.Equal(content, streamed);
        }
        finally
        {
            app.Model.Chat.Responder = FakeChatScript.Echo;
        }

        await using var scope = app.CreateScope();
        var answers = await app.Db(scope).Messages.Where(m => m.Conversation!.BotId == bot && m.Role == MessageRole.Assistant).ToListAsync();
        Assert.Equal(6, answers.Count);
        Assert.All(answers, a =>
        {
            Assert.Matches(Renumbered(), a.Content);
            Assert.Equal(2, a.Citations.Count);
            Assert.Contains(Renumbered().Match(a.Content).Groups[1].Value, a.Citations[0].Snippet, StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>Two markers, [1] for the first citation and [2] for the second, and the invented [9] gone.</summary>
    private static void AssertNumbered(string reply, List<JsonElement> citations)
    {
        var match = Renumbered().Match(reply);
        Assert.True(match.Success, $"Not renumbered: {reply}");
        Assert.Equal(2, citations.Count);
        // The subject of the sentence marked [1] is in the first citation; the other's in the second.
        Assert.Contains(match.Groups[1].Value, citations[0].GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(match.Groups[2].Value, citations[1].GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The model cites the passage numbered [2] in its prompt first, then [1], then one it invents.</summary>
    private static FakeReply CiteTheSecondSourceFirst(FakeChatRequest request)
    {
        var prompt = string.Join("\n", request.Messages.Select(m => m.Content));
        var second = Passage().Matches(prompt).Single(m => m.Groups[1].Value == "2").Groups[2].Value;
        var (first, then) = second.Contains("otters", StringComparison.OrdinalIgnoreCase) ? ("otters", "beavers") : ("beavers", "otters");
        return FakeReply.Text($"About {first} [2]. About {then} [1]. About penguins [9].", perTokenDelay: TimeSpan.FromMilliseconds(1));
    }

    [GeneratedRegex(@"^About (otters|beavers) \[1\]\. About (otters|beavers) \[2\]\. About penguins \.$")]
    private static partial Regex Renumbered();

    [GeneratedRegex(@"\[(\d+)\] [^\n]*\n([^\n]*)")]
    private static partial Regex Passage();
}
