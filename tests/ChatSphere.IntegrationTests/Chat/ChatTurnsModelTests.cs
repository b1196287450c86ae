using System.Diagnostics;
using ChatSphere.Agents.Chat;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing.FakeOpenAi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatSphere.Core.Telemetry.ChatSphereTelemetry;

namespace ChatSphere.IntegrationTests.Chat;

/// <summary>The turn driven from a service scope without HTTP, answered by the fake OpenAI-compatible model.</summary>
[Collection(ModelsCollection.Name)]
public sealed class ChatTurnsModelTests(ModelsFactory app)
{
    private const string Question = "Why do otters hold hands?";

    [Fact]
    public async Task A_model_turn_traces_its_prompt_and_model_call_with_the_first_token_and_counts_the_models_tokens()
    {
        var bot = await TurnDriver.ZooAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Text("Sea otters hold hands [1].", firstTokenDelay: TimeSpan.FromMilliseconds(30)));
        using var spans = new ActivityRecorder();
        using var metrics = new MetricRecorder(app.Services);
        using var test = new Activity("test").Start();
        var spent = new List<long>();

        var updates = await TurnDriver.RunAsync(app, new TurnRequest(ConversationChannel.Api, bot, TurnCaller.Owner(bot.OwnerId), null, Question)
        {
            SpendTokens = TurnDriver.Recording(spent),
        });

        var saved = Assert.IsType<ChatSaved>(updates[^1]);
        var (input, output) = (saved.Answer.InputTokens!.Value, saved.Answer.OutputTokens!.Value);
        Assert.True(input > 0 && output > 0);
        Assert.Equal([input + output], spent);

        var trace = spans.InTrace(test.TraceId);
        var turn = Assert.Single(trace, a => a.OperationName == Spans.Turn);
        Assert.Equal(("model", "answered"), ((string?)turn.GetTagItem(Tags.Mode), (string?)turn.GetTagItem(Tags.Outcome)));
        var history = Assert.Single(trace, a => a.OperationName == Spans.History);
        var model = Assert.Single(trace, a => a.OperationName == Spans.Model);
        Assert.All(new[] { history, model, trace.Single(a => a.OperationName == Spans.Load), trace.Single(a => a.OperationName == Spans.Save) },
            step => Assert.Equal(turn.SpanId, step.ParentSpanId));
        Assert.DoesNotContain(trace, a => a.OperationName == Spans.Auth);
        Assert.True(model.StartTimeUtc >= history.StartTimeUtc + history.Duration);
        var firstToken = Assert.Single(model.Events, e => e.Name == Spans.FirstToken);
        Assert.InRange(firstToken.Timestamp.UtcDateTime, model.StartTimeUtc.AddMilliseconds(25), model.StartTimeUtc + model.Duration);
        Assert.Equal(("fake-chat", input, output), (
            (string?)model.GetTagItem("gen_ai.request.model"), (int?)model.GetTagItem("gen_ai.usage.input_tokens"), (int?)model.GetTagItem("gen_ai.usage.output_tokens")));

        Assert.Equal([1.0], metrics.Of("chatsphere.chat.turns", (Tags.Channel, "api"), (Tags.Mode, "model"), (Tags.Outcome, "answered")));
        Assert.Equal([(double)input], metrics.Of("chatsphere.chat.tokens", (Tags.TokenType, "input")));
        Assert.Equal([(double)output], metrics.Of("chatsphere.chat.tokens", (Tags.TokenType, "output")));
        Assert.Single(metrics.Of("chatsphere.chat.first_token.duration", (Tags.Mode, "model")));
    }

    [Fact]
    public async Task A_caller_who_goes_away_mid_answer_spent_the_question_and_what_was_streamed_and_no_answer_is_stored()
    {
        var bot = await TurnDriver.ZooAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Text(string.Join(' ', Enumerable.Repeat("otters", 300)), perTokenDelay: TimeSpan.FromMilliseconds(20)));
        using var spans = new ActivityRecorder();
        using var test = new Activity("test").Start();
        var spent = new List<long>();
        using var gone = new CancellationTokenSource();
        var received = new List<string>();
        Guid conversationId;

        await using (var scope = app.CreateScope())
        {
            var turn = await scope.ServiceProvider.GetRequiredService<ChatTurns>().StartAsync(
                new TurnRequest(ConversationChannel.Widget, bot, TurnCaller.Visitor("leaving"), null, Question) { SpendTokens = TurnDriver.Recording(spent) }, default);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var update in turn.RunAsync(gone.Token))
                {
                    received.Add(((ChatDelta)update).Text);
                    if (received.Count == 5)
                    {
                        await gone.CancelAsync();
                    }
                }
            });
            conversationId = await app.Db(scope).Conversations.Where(c => c.BotId == bot.Id).Select(c => c.Id).SingleAsync();
        }

        Assert.InRange(received.Count, 5, 299);
        Assert.Equal([TurnTokens.Streamed(Question, string.Concat(received))], spent);
        Assert.Equal("cancelled", Assert.Single(spans.InTrace(test.TraceId), a => a.OperationName == Spans.Turn).GetTagItem(Tags.Outcome));
        await using var check = app.CreateScope();
        Assert.Equal([MessageRole.User], await app.Db(check).Messages.Where(m => m.ConversationId == conversationId).Select(m => m.Role).ToListAsync());
    }

    [Fact]
    public async Task A_model_that_fails_mid_answer_ends_the_turn_failed_having_spent_what_it_streamed()
    {
        var bot = await TurnDriver.ZooAsync(app);
        app.Model.Chat.Enqueue(FakeReply.Stall("Otters hold"));
        using var spans = new ActivityRecorder();
        using var test = new Activity("test").Start();
        var spent = new List<long>();

        var updates = await TurnDriver.RunAsync(app, new TurnRequest(ConversationChannel.Widget, bot, TurnCaller.Visitor("v"), null, Question) { SpendTokens = TurnDriver.Recording(spent) });

        Assert.Equal("timeout", Assert.IsType<ChatFailed>(updates[^1]).Code);
        var streamed = string.Concat(updates.OfType<ChatDelta>().Select(d => d.Text));
        Assert.StartsWith("Otters hold", streamed);
        Assert.Equal([TurnTokens.Streamed(Question, streamed)], spent);
        var trace = spans.InTrace(test.TraceId);
        var turn = Assert.Single(trace, a => a.OperationName == Spans.Turn);
        Assert.Equal(("failed", ActivityStatusCode.Error), ((string?)turn.GetTagItem(Tags.Outcome), turn.Status));
        Assert.Equal(("timeout", ActivityStatusCode.Error), (Assert.Single(trace, a => a.OperationName == Spans.Model).StatusDescription, turn.Status));
        Assert.DoesNotContain(trace, a => a.OperationName == Spans.Save);
    }
}
