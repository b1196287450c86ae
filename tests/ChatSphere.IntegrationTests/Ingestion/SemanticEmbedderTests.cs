using System.Net.Http.Json;
using ChatSphere.Agents.Embeddings;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Ingestion;

/// <summary>The offline semantic embedder, chosen for a bot on a site with no model key (issue 12, item 5).</summary>
[Collection(AppCollection.Name)]
public sealed class SemanticEmbedderTests(ChatSphereFactory app)
{
    // No paragraph shares a word with the question but its stop words, so full text finds nothing and the vectors
    // decide. The last one looks like the question to character n-grams (honey/money, backpack/back).
    private static readonly string[] Paragraphs =
    [
        "Refunds: if an item does not suit you, return it to us within thirty days of purchase, in its original packaging "
        + "and with the receipt, and the full price you paid is repaid to the card used at the till within a week.",
        "Opening hours: the shop on Harbour Street opens at nine every morning and closes at six in the evening, except "
        + "on public holidays and Sundays, when the doors stay shut and the staff take the day off.",
        "Delivery: parcels leave the warehouse within two working days of the order and travel by courier to any address "
        + "in the country; each one is tracked, and the courier rings before arriving at the door.",
        "Gifts: on Mondays the honey stall hands every child a small jar of honeycomb and a badge for their backpack, while "
        + "stocks last; the jars are filled from the hives behind the orchard at the edge of town.",
    ];

    private const string Question = "Can I get my money back?";

    [Fact]
    public async Task Switching_a_bot_to_the_semantic_embedder_re_embeds_it_and_a_paraphrase_finds_its_passage()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Shop", chunkMaxTokens = 64, chunkOverlapTokens = 0 });
        var document = await api.IngestAsync(bot, "shop.txt", TestFiles.Text(string.Join("\n\n", Paragraphs)));
        Assert.Equal(Paragraphs.Length, document.ChunkCount);
        Assert.DoesNotContain(Paragraphs[0], await TopTextAsync(api, bot));

        var put = await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { embeddingModel = ArcticEmbeddingGenerator.ModelId });
        put.EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await ActiveModelAsync(bot) != ArcticEmbeddingGenerator.ModelId)
        {
            Assert.True(DateTime.UtcNow < deadline, "The bot was not re-embedded in time");
            await Task.Delay(100);
        }

        await using (var scope = app.CreateScope())
        {
            var chunks = await app.Db(scope).Chunks.Where(c => c.BotId == bot).ToListAsync();
            Assert.Equal(Paragraphs.Length, chunks.Count);
            Assert.All(chunks, c => Assert.Equal((ArcticEmbeddingGenerator.ModelId, 384), (c.EmbeddingModel, c.EmbeddingDimensions)));
        }

        Assert.Contains(Paragraphs[0], await TopTextAsync(api, bot));
    }

    private static async Task<string> TopTextAsync(ApiClient api, Guid bot) =>
        (await api.SearchAsync(bot, Question, 4))[0].GetProperty("text").GetString()!;

    private async Task<string?> ActiveModelAsync(Guid bot)
    {
        await using var scope = app.CreateScope();
        return await app.Db(scope).Bots.Where(b => b.Id == bot).Select(b => b.ActiveEmbeddingModel).SingleAsync();
    }
}
