using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>An API caller with a fresh account and a bearer token, and helpers for documents.</summary>
public sealed class ApiClient(HttpClient http, ChatSphereFactory app) : IDisposable
{
    public HttpClient Http => http;

    public static async Task<ApiClient> CreateAsync(ChatSphereFactory app, string who = "owner") =>
        await ForAsync(app, await Accounts.CreateOwnerAsync(app, who));

    /// <summary>A caller for an account that exists, e.g. one a test also signs in with a browser.</summary>
    public static async Task<ApiClient> ForAsync(ChatSphereFactory app, string email)
    {
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Accounts.TokenAsync(app, email));
        return new ApiClient(http, app);
    }

    public async Task<Guid> CreateBotAsync(object? settings = null)
    {
        var response = await http.PostAsJsonAsync("/api/v1/bots", settings ?? new { name = "Test bot" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public Task<HttpResponseMessage> UploadAsync(Guid botId, string fileName, byte[] bytes, string contentType = "application/octet-stream")
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        content.Add(file, "file", fileName);
        return http.PostAsync($"/api/v1/bots/{botId}/documents", content);
    }

    /// <summary>Uploads and waits for the background job to finish with the document.</summary>
    public async Task<Document> IngestAsync(Guid botId, string fileName, byte[] bytes, string contentType = "application/octet-stream")
    {
        var response = await UploadAsync(botId, fileName, bytes, contentType);
        Assert.True(response.IsSuccessStatusCode, $"Upload of {fileName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return await WaitForDocumentAsync(id);
    }

    public async Task<Document> WaitForDocumentAsync(Guid documentId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            await using var scope = app.CreateScope();
            var document = await app.Db(scope).Documents.AsNoTracking().SingleAsync(d => d.Id == documentId);
            if (document.Status is DocumentStatus.Ready or DocumentStatus.Failed)
            {
                return document;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Document {documentId} still {document.Status} ({document.Error})");
            await Task.Delay(50);
        }
    }

    public async Task<List<JsonElement>> SearchAsync(Guid botId, string query, int top = 5)
    {
        var response = await http.PostAsJsonAsync($"/api/v1/bots/{botId}/search", new { query, top });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray().ToList();
    }

    public void Dispose() => http.Dispose();
}
