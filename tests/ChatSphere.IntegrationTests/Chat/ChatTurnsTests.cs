using System.Diagnostics;
using ChatSphere.Agents.Chat;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ChatSphere.Core.Telemetry.ChatSphereTelemetry;

namespace ChatSphere.IntegrationTests.Chat;

/// <summary>The turn itself, driven from a service scope without HTTP, on the offline answerer and a real database.</summary>
[Collection(AppCollection.Name)]
public sealed class ChatTurnsTests(ChatSphereFactory app)
{
    private const string Question = "Why do otters hold hands?";

    [Fact]
    public async Task A_turn_streams_the_answer_and_stores_question_and_answer_with_citations_and_latency()
    {
        var bot = await TurnDriver.ZooAsync(app);

        var (updates, saved) = await AskAsync(new TurnRequest(ConversationChannel.Api, bot, TurnCaller.Owner(bot.OwnerId), null, $"  {Question} "));

        Assert.Equal(saved.Answer.Reply, string.Concat(updates.OfType<ChatDelta>().Select(d => d.Text)));
        Assert.Contains("Sea otters hold hands", saved.Answer.Reply);
        Assert.True(saved.Answer.Offline);
        Assert.Single(saved.Answer.Citations);
        await using var scope = app.CreateScope();
        var conversation = await app.Db(scope).Conversations.AsNoTracking().Include(c => c.Messages).SingleAsync(c => c.Id == saved.ConversationId);
        Assert.Equal((ConversationChannel.Api, bot.OwnerId, (string?)null, Question), (conversation.Channel, conversation.UserId, conversation.VisitorId, conversation.Title));
        var messages = conversation.Messages.OrderBy(m => m.CreatedAt).ToList();
        Assert.Equal([(MessageRole.User, Question), (MessageRole.Assistant, saved.Answer.Reply)], messages.Select(m => (m.Role, m.Content)));
        Assert.Equal(saved.MessageId, messages[1].Id);
        Assert.Equal(saved.Answer.Citations[0].ChunkId, Assert.Single(messages[1].Citations).ChunkId);
        Assert.NotNull(messages[1].LatencyMs);
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_its_field_before_anything_is_stored()
    {
        var bot = await TurnDriver.ZooAsync(app);
        var owner = TurnCaller.Owner(bot.OwnerId);
        await using var scope = app.CreateScope();
        var turns = scope.ServiceProvider.GetRequiredService<ChatTurns>();

        var blank = await turns.StartAsync(new TurnRequest(ConversationChannel.Web, bot, owner, null, "  "), default);
        var tooLong = await turns.StartAsync(
            new TurnRequest(ConversationChannel.Widget, bot, TurnCaller.Visitor("v1"), null, new string('a', 201)) { MaxMessageLength = 200 }, default);
        var regenerateNothing = await turns.StartAsync(new TurnRequest(ConversationChannel.Api, bot, owner, null, null, Regenerate: true), default);

        Assert.Equal(new TurnRejection(TurnRejectionReason.InvalidInput, "message", "Send a message of 1 to 4000 characters."), blank.Rejection);
        Assert.Equal(("message", "Send a message of 1 to 200 characters."), (tooLong.Rejection?.Field, tooLong.Rejection?.Message));
        Assert.Equal(("conversationId", TurnRejectionReason.InvalidInput), (regenerateNothing.Rejection?.Field, regenerateNothing.Rejection!.Reason));
        Assert.Throws<InvalidOperationException>(() => blank.RunAsync(default));
        Assert.Equal(0, await app.Db(scope).Conversations.CountAsync(c => c.BotId == bot.Id));
    }

    [Fact]
    public async Task Only_the_callers_own_conversation_continues_and_a_refused_one_stores_nothing()
    {
        var bot = await TurnDriver.ZooAsync(app);
        var (_, first) = await AskAsync(new TurnRequest(ConversationChannel.Widget, bot, TurnCaller.Visitor("visitor-a"), null, Question));
        await using var scope = app.CreateScope();
        var turns = scope.ServiceProvider.GetRequiredService<ChatTurns>();

        var stranger = await turns.StartAsync(new TurnRequest(ConversationChannel.Widget, bot, TurnCaller.Visitor("visitor-b"), first.ConversationId, "And beavers?"), default);
        var owner = await turns.StartAsync(new TurnRequest(ConversationChannel.Api, bot, TurnCaller.Owner(bot.OwnerId), first.ConversationId, "And beavers?"), default);
        var unknown = await turns.StartAsync(new TurnRequest(ConversationChannel.Widget, bot, TurnCaller.Visitor("visitor-a"), Guid.NewGuid(), "And beavers?"), default);

        Assert.All([stranger, owner, unknown], turn => Assert.Equal(TurnRejectionReason.ConversationNotFound, turn.Rejection?.Reason));
        Assert.Equal(2, await app.Db(scope).Messages.CountAsync(m => m.ConversationId == first.ConversationId));

        var (_, second) = await AskAsync(new TurnRequest(ConversationChannel.Widget, bot, TurnCaller.Visitor("visitor-a"), first.ConversationId, "What do beavers build?"));
        Assert.Equal(first.ConversationId, second.ConversationId);
        Assert.Contains("dams", second.Answer.Reply);
        Assert.Equal(4, await app.Db(scope).Messages.CountAsync(m => m.ConversationId == first.ConversationId));
    }

    [Fact]
    public async Task Regenerate_answers_the_last_question_again_in_place_of_its_answer_and_needs_a_question()
    {
        var bot = await TurnDriver.ZooAsync(app);
        var owner = TurnCaller.Owner(bot.OwnerId);
        var (_, first) = await AskAsync(new TurnRequest(ConversationChannel.Web, bot, owner, null, Question));

        var (_, again) = await AskAsync(new TurnRequest(ConversationChannel.Web, bot, owner, first.ConversationId, null, Regenerate: true));

        Assert.Equal(first.ConversationId, again.ConversationId);
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        var messages = await db.Messages.AsNoTracking().Where(m => m.ConversationId == first.ConversationId).OrderBy(m => m.CreatedAt).ToListAsync();
        Assert.Equal([Question, again.Answer.Reply], messages.Select(m => m.Content));
        Assert.Equal(again.MessageId, messages[1].Id);

        var empty = new Conversation { BotId = bot.Id, UserId = bot.OwnerId, Channel = ConversationChannel.Web, Title = "Empty" };
        db.Conversations.Add(empty);
        await db.SaveChangesAsync();
        var nothing = await scope.ServiceProvider.GetRequiredService<ChatTurns>()
            .StartAsync(new TurnRequest(ConversationChannel.Web, bot, owner, empty.Id, null, Regenerate: true), default);
        Assert.Equal(TurnRejectionReason.NothingToRegenerate, nothing.Rejection?.Reason);
    }

    [Fact]
    public async Task A_client_history_continues_the_stored_conversation_that_holds_exactly_it()
    {
        var bot = await TurnDriver.ZooAsync(app);
        var owner = TurnCaller.Owner(bot.OwnerId);
        var (_, first) = await AskAsync(new TurnRequest(ConversationChannel.OpenAi, bot, owner, null, Question) { ClientHistory = [] });

        var (_, next) = await AskAsync(new TurnRequest(ConversationChannel.OpenAi, bot, owner, null, "What do beavers build?")
        {
            ClientHistory = [(MessageRole.User, Question), (MessageRole.Assistant, first.Answer.Reply)],
        });
        var (_, other) = await AskAsync(new TurnRequest(ConversationChannel.OpenAi, bot, owner, null, "What do beavers build?")
        {
            ClientHistory = [(MessageRole.User, "Something never asked"), (MessageRole.Assistant, "Never answered")],
        });

        Assert.Equal(first.ConversationId, next.ConversationId);
        Assert.NotEqual(first.ConversationId, other.ConversationId);
        await using var scope = app.CreateScope();
        Assert.Equal(4, await app.Db(scope).Messages.CountAsync(m => m.ConversationId == first.ConversationId));
        Assert.Equal(ConversationChannel.OpenAi, (await app.Db(scope).Conversations.SingleAsync(c => c.Id == other.ConversationId)).Channel);
    }

    [Fact]
    public async Task The_tokens_of_an_answered_turn_are_told_once_before_it_is_stored()
    {
        var bot = await TurnDriver.ZooAsync(app);
        var spent = new List<long>();

        var (_, saved) = await AskAsync(new TurnRequest(ConversationChannel.Widget, bot, TurnCaller.Visitor("v"), null, Question)
        {
            SpendTokens = TurnDriver.Recording(spent),
        });

        Assert.Equal([TurnTokens.Of(Question, saved.Answer)], spent);
    }

    [Fact]
    public async Task A_turn_is_one_trace_from_the_requests_arrival_with_its_steps_and_metrics()
    {
        var bot = await TurnDriver.ZooAsync(app);
        using var spans = new ActivityRecorder();
        using var metrics = new MetricRecorder(app.Services);
        using var test = new Activity("test").Start();
        var arrived = Stopwatch.GetTimestamp() - (Stopwatch.Frequency / 20);

        var (updates, saved) = await AskAsync(new TurnRequest(ConversationChannel.Widget, bot, TurnCaller.Visitor("v"), null, Question) { ArrivedAt = arrived });

        var trace = spans.InTrace(test.TraceId);
        var turn = Assert.Single(trace, a => a.OperationName == Spans.Turn);
        Assert.Equal(test.SpanId, turn.ParentSpanId);
        Assert.Equal(
            [(Tags.BotId, bot.Id.ToString()), (Tags.Channel, "widget"), (Tags.Mode, "offline"), (Tags.Outcome, "answered")],
            new[] { Tags.BotId, Tags.Channel, Tags.Mode, Tags.Outcome }.Select(t => (t, (string?)turn.GetTagItem(t))));
        foreach (var step in new[] { Spans.Auth, Spans.Load, Spans.Save })
        {
            Assert.Equal(turn.SpanId, Assert.Single(trace, a => a.OperationName == step).ParentSpanId);
        }

        // The turn and chat.auth start when the request arrived, 50 ms before the turn was started.
        var auth = trace.Single(a => a.OperationName == Spans.Auth);
        Assert.Equal(turn.StartTimeUtc, auth.StartTimeUtc);
        Assert.True(auth.Duration >= TimeSpan.FromMilliseconds(45), $"chat.auth took {auth.Duration}");
        Assert.True(trace.Single(a => a.OperationName == Spans.Load).StartTimeUtc >= auth.StartTimeUtc + auth.Duration - TimeSpan.FromMilliseconds(1));
        Assert.DoesNotContain(trace, a => a.OperationName == Spans.Model);

        Assert.Equal([1.0], metrics.Of("chatsphere.chat.turns", (Tags.Channel, "widget"), (Tags.Mode, "offline"), (Tags.Outcome, "answered")));
        Assert.True(Assert.Single(metrics.Of("chatsphere.chat.turn.duration", (Tags.Channel, "widget"))) >= 0.045);
        var firstToken = Assert.Single(metrics.Of("chatsphere.chat.first_token.duration", (Tags.Channel, "widget"), (Tags.Mode, "offline")));
        Assert.InRange(firstToken, 0.045, metrics.Of("chatsphere.chat.turn.duration", (Tags.Channel, "widget"))[0]);
        Assert.Empty(metrics.Of("chatsphere.chat.tokens"));
        Assert.NotEmpty(updates.OfType<ChatDelta>());
        Assert.True(saved.Answer.Offline);
    }

    [Fact]
    public async Task A_fallback_and_a_refused_turn_are_told_apart_in_spans_and_metrics()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await TurnDriver.LoadAsync(app, await api.CreateBotAsync(new { name = "Empty", fallbackMessage = "Nothing on that." }));
        using var spans = new ActivityRecorder();
        using var metrics = new MetricRecorder(app.Services);
        using var test = new Activity("test").Start();

        var (_, saved) = await AskAsync(new TurnRequest(ConversationChannel.Web, bot, TurnCaller.Owner(bot.OwnerId), null, "Capital of Mongolia?"));
        await using (var scope = app.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<ChatTurns>()
                .StartAsync(new TurnRequest(ConversationChannel.Web, bot, TurnCaller.Owner(bot.OwnerId), Guid.NewGuid(), "Hello?"), default);
        }

        Assert.Equal(("Nothing on that.", true), (saved.Answer.Reply, saved.Answer.Fallback));
        var turns = spans.InTrace(test.TraceId).Where(a => a.OperationName == Spans.Turn).ToList();
        Assert.Equal(["fallback", "rejected"], turns.Select(t => (string?)t.GetTagItem(Tags.Outcome)));
        Assert.Equal(nameof(TurnRejectionReason.ConversationNotFound), turns[1].GetTagItem(Tags.Reason));
        Assert.Equal([1.0], metrics.Of("chatsphere.chat.turns", (Tags.Channel, "web")));
        Assert.Equal([1.0], metrics.Of("chatsphere.chat.turns", (Tags.Channel, "web"), (Tags.Outcome, "fallback")));
    }

    private async Task<(List<ChatUpdate> Updates, ChatSaved Saved)> AskAsync(TurnRequest request)
    {
        var updates = await TurnDriver.RunAsync(app, request);
        return (updates, Assert.IsType<ChatSaved>(updates[^1]));
    }
}
