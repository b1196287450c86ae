using System.Net;
using System.Net.Http.Json;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Ingestion;

[Collection(IngestionCollection.Name)]
public sealed class SearchTests(ModelsFactory app)
{
    [Fact]
    public async Task Hybrid_search_ranks_the_chunk_that_answers_first_and_cites_its_source()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        await api.IngestAsync(bot, "animals.md", TestFiles.Text(
            "# Animals\n\n## Otters\n\nSea otters hold hands while they sleep so they do not drift apart.\n\n" +
            "## Beavers\n\nBeavers build dams from branches and mud to make deep ponds.\n\n" +
            "## Owls\n\nOwls can turn their heads about 270 degrees.\n"));

        var results = await api.SearchAsync(bot, "Why do otters hold hands when sleeping?", 3);
        var best = results[0];
        Assert.Contains("Sea otters hold hands", best.GetProperty("text").GetString());
        Assert.Equal("animals.md", best.GetProperty("documentName").GetString());
        Assert.Equal("Animals > Otters", best.GetProperty("headingPath").GetString());
        Assert.True(best.GetProperty("score").GetDouble() > results[^1].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task A_bot_never_sees_another_bots_chunks()
    {
        using var api = await ApiClient.CreateAsync(app);
        var mine = await api.CreateBotAsync(new { name = "Mine" });
        var other = await api.CreateBotAsync(new { name = "Other" });
        await api.IngestAsync(mine, "mine.txt", TestFiles.Text("Our office is in Bergen, by the fish market."));
        await api.IngestAsync(other, "other.txt", TestFiles.Text("The secret launch code is zebra-42 and the office is in Oslo."));

        var results = await api.SearchAsync(mine, "secret launch code zebra office", 50);
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.DoesNotContain("zebra", r.GetProperty("text").GetString()));
        Assert.All(results, r => Assert.Equal("mine.txt", r.GetProperty("documentName").GetString()));
    }

    [Fact]
    public async Task A_small_bot_gets_all_its_chunks_when_it_asks_for_more_than_it_has()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Small", chunkMaxTokens = 40, chunkOverlapTokens = 0 });
        var text = string.Join("\n\n", Enumerable.Range(1, 12).Select(i => $"Fact {i}: the lighthouse keeper counted {i * 7} ships passing the northern cape today."));
        var document = await api.IngestAsync(bot, "facts.txt", TestFiles.Text(text));

        // A query that shares no word with the text: only the vector leg answers, and it must still fill k.
        var results = await api.SearchAsync(bot, "zzz qqq", 50);
        Assert.Equal(document.ChunkCount, results.Count);
    }

    [Fact]
    public async Task Search_validates_its_input()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/search", new { query = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/search", new { query = "x", top = 51 })).StatusCode);
        Assert.Empty(await api.SearchAsync(bot, "anything at all", 5));
    }
}
