using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Testing;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Limits;

/// <summary>Documents built to exhaust the server, through upload, the extraction worker and the job, on the real host.</summary>
[Collection(InputsCollection.Name)]
public sealed class HostileDocumentTests(InputsFactory app)
{
    [Fact]
    public async Task A_page_with_a_heading_of_millions_of_characters_over_thousands_of_paragraphs_is_ingested_with_short_heading_paths()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var heading = string.Join(' ', Enumerable.Range(0, 300_000).Select(i => $"w{i * 7919 % 1_000_003}"));
        var html = $"<html><body><h1>{heading}</h1>{string.Concat(Enumerable.Range(0, 5000).Select(i => $"<p>Paragraph number {i} of the page.</p>"))}</body></html>";

        var document = await api.IngestAsync(bot, "hostile.html", TestFiles.Text(html), "text/html");

        Assert.True(document.Status == DocumentStatus.Ready, $"{document.Status}: {document.Error}");
        await using var scope = app.CreateScope();
        var paths = await app.Db(scope).Chunks.Where(c => c.DocumentId == document.Id).Select(c => c.HeadingPath).ToListAsync();
        Assert.Equal(document.ChunkCount, paths.Count);
        Assert.All(paths, p => Assert.InRange(p.Length, 1, 1000));
        Assert.All(paths, p => Assert.Contains("…", p));
    }

    [Fact]
    public async Task A_pdf_with_a_huge_flate_stream_fails_with_the_reason()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();

        var document = await api.IngestAsync(bot, "bomb.pdf", TestDocuments.PdfBomb(megabytes: 150), "application/pdf");

        Assert.Equal(DocumentStatus.Failed, document.Status);
        Assert.Contains("decompression bomb", document.Error);
        Assert.Equal(0, document.ChunkCount);
    }

    [Fact]
    public async Task A_docx_zip_bomb_is_refused_with_the_reason_and_nothing_is_stored()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();

        var response = await api.UploadAsync(bot, "bomb.docx", TestFiles.DocxBomb(megabytes: 200));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("zip bomb", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        await using var scope = app.CreateScope();
        Assert.False(await app.Db(scope).Documents.AnyAsync(d => d.BotId == bot));
    }
}
