using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Ingestion;

[Collection(IngestionCollection.Name)]
public sealed class UploadTests(ModelsFactory app)
{
    [Fact]
    public async Task Each_file_type_is_ingested_with_its_structure()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();

        var pdf = await api.IngestAsync(bot, "manual.pdf",
            TestFiles.Pdf("The pump must be primed before first use.", "Warranty claims need the receipt."), "application/pdf");
        var docx = await api.IngestAsync(bot, "handbook.docx",
            TestFiles.Docx("Staff handbook", "# Leave", "## Parental leave", "Parents get sixteen weeks of paid leave."));
        var html = await api.IngestAsync(bot, "page.html", TestFiles.Text(
            "<html><head><title>Shop</title><script>var secret = 'tracking';</script></head><body><nav>Home | Cart</nav>" +
            "<main><h1>Returns</h1><p>Returns are free within 30 days.</p></main><footer>Copyright</footer></body></html>"), "text/html");
        var md = await api.IngestAsync(bot, "faq.md", TestFiles.Text("# FAQ\n\n## Shipping\n\nWe ship to **Norway** within 3 days.\n"));
        var txt = await api.IngestAsync(bot, "notes.txt", TestFiles.Text(
            "Line one about otters, which live along rivers and coasts and eat fish and crabs.\n\n" +
            "Second paragraph about beavers, which build dams and lodges from branches and mud.\0\u0007 The end."));
        var csv = await api.IngestAsync(bot, "prices.csv", TestFiles.Text("product,price\n\"Kayak, red\",499\nPaddle,35\n"), "text/csv");

        foreach (var document in new[] { pdf, docx, html, md, txt, csv })
        {
            Assert.True(document.Status == DocumentStatus.Ready, $"{document.FileName}: {document.Status} {document.Error}");
            Assert.True(document.ChunkCount > 0);
            Assert.Equal(document.ChunkCount, document.ChunksEmbedded);
        }

        await using var scope = app.CreateScope();
        var chunks = await app.Db(scope).Chunks.AsNoTracking().Where(c => c.BotId == bot).ToListAsync();
        var pdfChunks = chunks.Where(c => c.DocumentId == pdf.Id).ToList();
        Assert.Contains(pdfChunks, c => c.Page == 1 && c.Text.Contains("primed"));
        Assert.Contains(pdfChunks, c => c.Page == 2 && c.Text.Contains("receipt"));
        Assert.Contains(chunks, c => c.DocumentId == docx.Id && c.HeadingPath == "Staff handbook > Leave > Parental leave" && c.Text.Contains("sixteen weeks"));
        var htmlText = string.Join(" ", chunks.Where(c => c.DocumentId == html.Id).Select(c => c.HeadingPath + " " + c.Text));
        Assert.Contains("Returns are free", htmlText);
        Assert.DoesNotContain("tracking", htmlText);
        Assert.DoesNotContain("Cart", htmlText);
        Assert.Contains(chunks, c => c.DocumentId == md.Id && c.HeadingPath.EndsWith("FAQ > Shipping") && c.Text.Contains("Norway") && !c.Text.Contains("**"));
        Assert.DoesNotContain(chunks, c => c.Text.Contains('\0'));
        Assert.Contains(chunks, c => c.DocumentId == csv.Id && c.Text.Contains("Kayak, red") && c.Text.Contains("499"));
        Assert.All(chunks, c => Assert.Equal("chatsphere-hash-v1", c.EmbeddingModel));
        Assert.All(chunks, c => Assert.Equal(384, c.EmbeddingDimensions));
    }

    [Fact]
    public async Task A_pdf_that_is_not_a_pdf_gets_415_with_a_reason_and_nothing_is_stored()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var response = await api.UploadAsync(bot, "report.pdf", TestFiles.Text("just some text pretending"), "application/pdf");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("PDF", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await AssertNoDocumentsAsync(bot);
    }

    [Theory]
    [InlineData("program.exe")]
    [InlineData("picture.txt")]
    [InlineData("letter.docx")]
    public async Task Unsupported_or_disguised_files_get_415(string name)
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        var response = await api.UploadAsync(bot, name, png);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()));
        await AssertNoDocumentsAsync(bot);
    }

    [Fact]
    public async Task A_file_over_the_limit_gets_413_and_nothing_is_stored()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var response = await api.UploadAsync(bot, "big.txt", TestFiles.Text(new string('a', (int)ModelsFactory.UploadLimit + 1)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("limit", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await AssertNoDocumentsAsync(bot);
    }

    [Fact]
    public async Task The_same_file_twice_is_recognised_not_duplicated()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var bytes = TestFiles.Text("Exactly the same bytes.");
        var first = await api.UploadAsync(bot, "a.txt", bytes);
        var second = await api.UploadAsync(bot, "copy-of-a.txt", bytes);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(id, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        await using var scope = app.CreateScope();
        var stored = await app.Db(scope).Documents.Include(d => d.Content).SingleAsync(d => d.BotId == bot);
        Assert.Equal(bytes, stored.Content!.Bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), stored.Sha256);
    }

    [Fact]
    public async Task Documents_of_another_users_bot_answer_404()
    {
        using var alice = await ApiClient.CreateAsync(app, "alice");
        using var bob = await ApiClient.CreateAsync(app, "bob");
        var bot = await alice.CreateBotAsync();
        var document = await alice.IngestAsync(bot, "a.txt", TestFiles.Text("Alice's secret recipe uses saffron."));

        Assert.Equal(HttpStatusCode.NotFound, (await bob.UploadAsync(bot, "b.txt", TestFiles.Text("hi"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"/api/v1/bots/{bot}/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.GetAsync($"/api/v1/bots/{bot}/documents/{document.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.DeleteAsync($"/api/v1/bots/{bot}/documents/{document.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/search", new { query = "saffron" })).StatusCode);

        var listed = await alice.Http.GetFromJsonAsync<JsonElement>($"/api/v1/bots/{bot}/documents");
        var row = Assert.Single(listed.EnumerateArray());
        Assert.Equal("ready", row.GetProperty("status").GetString());
        Assert.Equal(document.ChunkCount, row.GetProperty("chunkCount").GetInt32());
    }

    private async Task AssertNoDocumentsAsync(Guid bot)
    {
        await using var scope = app.CreateScope();
        Assert.False(await app.Db(scope).Documents.AnyAsync(d => d.BotId == bot));
        Assert.False(await app.Db(scope).DocumentContents.AnyAsync(c => app.Db(scope).Documents.Any(d => d.Id == c.DocumentId && d.BotId == bot)));
    }
}
