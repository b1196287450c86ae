using ChatSphere.Agents.Answering;
using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Domain;
using Microsoft.SemanticKernel.ChatCompletion;

namespace ChatSphere.UnitTests.Answering;

public sealed class ModelPromptTests
{
    private static readonly SearchHit Otters = new(
        Guid.NewGuid(), Guid.NewGuid(), "animals.md", "Animals > Otters", null, "Sea otters hold hands while they sleep.", 1, 1, 0.9, 1);

    [Fact]
    public async Task The_prompt_has_the_house_rules_the_owners_instructions_and_the_numbered_passages_before_the_question()
    {
        var bot = new Bot { Name = "Zoo", OwnerId = "owner", GroundedOnly = true, FallbackMessage = "Ask the keeper.", Instructions = "Be brief." };

        var prompt = await ModelPrompt.BuildAsync(new ChatTurn(bot, [], "Why do otters hold hands?"), [(1, Otters)], CancellationToken.None);

        Assert.Equal([AuthorRole.System, AuthorRole.User], prompt.Select(m => m.Role));
        Assert.StartsWith(HouseRules.Prompt, prompt[0].Content);
        Assert.Contains(HouseRules.GroundedOnly + "Ask the keeper.", prompt[0].Content);
        Assert.EndsWith("The owner's instructions:\nBe brief.", prompt[0].Content);
        Assert.Equal(
            "Passages from the documents:\n\n[1] Animals > Otters\nSea otters hold hands while they sleep.\n\nQuestion: Why do otters hold hands?",
            prompt[1].Content);
    }

    [Fact]
    public async Task Without_passages_the_question_goes_alone_and_a_bot_not_grounded_only_gets_no_fallback_rule()
    {
        var bot = new Bot { Name = "Chatty", OwnerId = "owner", GroundedOnly = false };

        var prompt = await ModelPrompt.BuildAsync(new ChatTurn(bot, [], "Hello?"), [], CancellationToken.None);

        Assert.Equal("Hello?", prompt[^1].Content);
        Assert.DoesNotContain(HouseRules.GroundedOnly, prompt[0].Content);
    }

    [Fact]
    public async Task A_long_history_keeps_the_newest_messages_within_the_token_budget()
    {
        var history = Enumerable.Range(0, 30).SelectMany(i => new[]
        {
            (MessageRole.User, $"Question {i}: {string.Join(' ', Enumerable.Repeat($"turn{i} river otter story", 60))}"),
            (MessageRole.Assistant, $"Answer {i}: {string.Join(' ', Enumerable.Repeat($"turn{i} river otter story", 60))}"),
        }).ToList();
        var bot = new Bot { Name = "Zoo", OwnerId = "owner" };

        var prompt = await ModelPrompt.BuildAsync(new ChatTurn(bot, history, "And now?"), [], CancellationToken.None);

        var earlier = prompt.Skip(1).SkipLast(1).ToList();
        Assert.InRange(earlier.Count, 2, 20);
        Assert.StartsWith("Answer 29:", earlier[^1].Content);
        Assert.DoesNotContain(earlier, m => m.Content!.StartsWith("Question 0:", StringComparison.Ordinal));
        Assert.All(earlier, m => Assert.NotEqual(AuthorRole.System, m.Role));
    }
}
