using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ChatSphere.IntegrationTests.Languages;

[Collection(IngestionCollection.Name)]
public sealed class LanguageTests(ModelsFactory app)
{
    [Theory]
    [InlineData("de", LanguageTexts.German, false)]
    [InlineData("zh", LanguageTexts.Chinese, true)]
    [InlineData("ar", LanguageTexts.Arabic, false)]
    [InlineData("hi", LanguageTexts.Hindi, false)]
    [InlineData("ja", LanguageTexts.Japanese, true)]
    public async Task A_documents_language_is_detected_and_stored_on_it_and_its_chunks(string code, string text, bool segmented)
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var document = await api.IngestAsync(bot, $"{code}.txt", TestFiles.Text(text));

        Assert.Equal(DocumentStatus.Ready, document.Status);
        Assert.Equal(code, document.Language);
        Assert.False(document.LanguageSetByOwner);
        var listed = (await api.Http.GetFromJsonAsync<JsonElement>($"/api/v1/bots/{bot}/documents")).EnumerateArray().Single();
        Assert.Equal(code, listed.GetProperty("language").GetString());

        await using var scope = app.CreateScope();
        var chunks = await app.Db(scope).Chunks.AsNoTracking().Where(c => c.DocumentId == document.Id).ToListAsync();
        Assert.NotEmpty(chunks);
        Assert.All(chunks, c => Assert.Equal(code, c.Language));
        // Unspaced scripts are indexed as their bigrams; spaced ones as they are.
        Assert.All(chunks, c => Assert.Equal(segmented, c.SearchText is not null));
    }

    [Fact]
    public async Task A_chinese_question_finds_the_chinese_chunk_through_full_text_alone()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        await api.IngestAsync(bot, "great-wall.txt", TestFiles.Text(LanguageTexts.Chinese));
        await api.IngestAsync(bot, "cairo.txt", TestFiles.Text(LanguageTexts.Arabic));

        var results = await TextSearchAsync(api, bot, "长城全长多少公里？");
        Assert.Equal("great-wall.txt", Assert.Single(results).GetProperty("documentName").GetString());
    }

    [Fact]
    public async Task A_german_query_matches_an_inflected_form_through_the_german_stemmer()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        await api.IngestAsync(bot, "markt.txt", TestFiles.Text(LanguageTexts.German));

        // "Haus" appears only as "Häuser": the german configuration stems both to "haus".
        Assert.Single(await TextSearchAsync(api, bot, "Haus"));
        Assert.Empty(await TextSearchAsync(api, bot, "Bahnhof"));
    }

    [Fact]
    public async Task An_english_document_still_stems()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        await api.IngestAsync(bot, "courier.txt", TestFiles.Text(LanguageTexts.English));

        Assert.Single(await TextSearchAsync(api, bot, "running"));
    }

    [Fact]
    public async Task A_query_whose_words_match_nothing_still_finds_a_document_in_another_language_through_the_vector_leg()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        await api.IngestAsync(bot, "markt.txt", TestFiles.Text(LanguageTexts.German));

        Assert.Empty(await TextSearchAsync(api, bot, "Which bakery sells fresh bread?"));
        Assert.Equal("markt.txt", Assert.Single(await api.SearchAsync(bot, "Which bakery sells fresh bread?")).GetProperty("documentName").GetString());
    }

    [Fact]
    public async Task The_owners_language_for_a_document_indexes_it_again_in_that_configuration()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var document = await api.IngestAsync(bot, "markt.txt", TestFiles.Text(LanguageTexts.German));
        Assert.Single(await TextSearchAsync(api, bot, "Haus"));

        var bad = await api.Http.PatchAsJsonAsync($"/api/v1/bots/{bot}/documents/{document.Id}", new { language = "xx" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("de, ", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        // As 'simple' (Maori has no stemmer), "Häuser" is only itself.
        var set = await api.Http.PatchAsJsonAsync($"/api/v1/bots/{bot}/documents/{document.Id}", new { language = "mi" });
        Assert.Equal(HttpStatusCode.Accepted, set.StatusCode);
        var reindexed = await api.WaitForDocumentAsync(document.Id);
        Assert.Equal(("mi", true), (reindexed.Language, reindexed.LanguageSetByOwner));
        Assert.Empty(await TextSearchAsync(api, bot, "Haus"));
        Assert.Single(await TextSearchAsync(api, bot, "Häuser"));

        // Back to detection: German again, and stemmed again.
        await api.Http.PatchAsJsonAsync($"/api/v1/bots/{bot}/documents/{document.Id}", new { language = "" });
        await WaitUntilAsync(api, document.Id, d => d.Language == "de");
        Assert.Single(await TextSearchAsync(api, bot, "Haus"));
    }

    [Fact]
    public async Task The_bots_document_language_applies_to_documents_without_their_own_and_rejects_unknown_codes()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var detected = await api.IngestAsync(bot, "markt.txt", TestFiles.Text(LanguageTexts.German));
        var own = await api.IngestAsync(bot, "courier.txt", TestFiles.Text(LanguageTexts.English));
        await api.Http.PatchAsJsonAsync($"/api/v1/bots/{bot}/documents/{own.Id}", new { language = "en" });
        await WaitUntilAsync(api, own.Id, d => d.LanguageSetByOwner);

        var bad = await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { documentLanguage = "klingon" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var set = await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { documentLanguage = "nl" });
        set.EnsureSuccessStatusCode();
        Assert.Equal("nl", (await set.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("documentLanguage").GetString());
        await WaitUntilAsync(api, detected.Id, d => d.Language == "nl");
        Assert.Equal("en", (await api.WaitForDocumentAsync(own.Id)).Language);
    }

    [Fact]
    public async Task Documents_from_before_detection_keep_english_until_the_job_detects_them_from_their_chunks()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var document = await api.IngestAsync(bot, "great-wall.txt", TestFiles.Text(LanguageTexts.Chinese));
        await using var scope = app.CreateScope();
        var db = app.Db(scope);

        // As the migration leaves such a document: no language, its chunks 'en' as they were indexed, no segmented text.
        await db.Documents.Where(d => d.Id == document.Id).ExecuteUpdateAsync(d => d.SetProperty(x => x.Language, (string?)null));
        await db.Chunks.Where(c => c.DocumentId == document.Id).ExecuteUpdateAsync(c => c
            .SetProperty(x => x.Language, "en").SetProperty(x => x.SearchText, (string?)null).SetProperty(x => x.SearchHeading, (string?)null));
        Assert.Empty(await TextSearchAsync(api, bot, "长城全长多少公里？"));

        await scope.ServiceProvider.GetRequiredService<DetectLanguagesJob>().RunAsync(CancellationToken.None);

        Assert.Equal("zh", (await db.Documents.AsNoTracking().SingleAsync(d => d.Id == document.Id)).Language);
        Assert.All(await db.Chunks.AsNoTracking().Where(c => c.DocumentId == document.Id).ToListAsync(), c =>
        {
            Assert.Equal("zh", c.Language);
            Assert.NotNull(c.SearchText);
        });
        Assert.Single(await TextSearchAsync(api, bot, "长城全长多少公里？"));
    }

    [Fact]
    public async Task Every_configuration_in_the_map_exists_and_the_generated_column_uses_each_one()
    {
        await using var connection = new NpgsqlConnection(app.DatabaseConnectionString);
        await connection.OpenAsync();
        var configs = new HashSet<string>();
        await using (var command = new NpgsqlCommand("SELECT cfgname FROM pg_ts_config", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                configs.Add(reader.GetString(0));
            }
        }

        // Every snowball configuration PostgreSQL ships has a language, and every language's configuration exists.
        Assert.Superset(configs, Core.Languages.SearchConfigurations.ByLanguage.Values.Append(Core.Languages.SearchConfigurations.Neutral).ToHashSet());
        Assert.Equal(configs.Except(["simple"]).Order(), Core.Languages.SearchConfigurations.ByLanguage.Values.Distinct().Order());

        await using var expression = new NpgsqlCommand(
            """SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE a.attrelid = '"Chunks"'::regclass AND a.attname = 'SearchVector'""",
            connection);
        var generated = (string)(await expression.ExecuteScalarAsync())!;
        foreach (var (code, config) in Core.Languages.SearchConfigurations.ByLanguage)
        {
            Assert.Contains($"WHEN '{code}'::text THEN '{config}'::regconfig", generated);
        }
    }

    private static async Task<List<JsonElement>> TextSearchAsync(ApiClient api, Guid bot, string query)
    {
        var response = await api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/search", new { query, top = 10, mode = "text" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
    }

    private async Task<Document> WaitUntilAsync(ApiClient api, Guid documentId, Func<Document, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var document = await api.WaitForDocumentAsync(documentId);
            if (done(document))
            {
                return document;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Document {documentId}: {document.Status}, language {document.Language}");
            await Task.Delay(100);
        }
    }
}
