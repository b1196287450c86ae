using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests;

/// <summary>
/// Walks every route of API.md (less the widget and /v1) as an owner with an API key and again with a JWT, then checks
/// that the site's cookie opens none of them and that another owner gets 404 for each.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ApiContractTests(ChatSphereFactory app)
{
    private static readonly string[] DocumentStatuses = ["queued", "processing", "ready", "failed"];

    [Fact]
    public async Task Every_route_works_with_an_api_key_and_with_a_jwt()
    {
        var email = await Accounts.CreateOwnerAsync(app);
        using var browser = await Accounts.BrowserAsync(app, email);
        var key = await ApiKeys.CreateAsync(browser);

        using var anonymous = app.CreateClient();
        var token = new Walker(anonymous);
        var tokenResponse = await token.SendAsync("POST", "/api/v1/auth/token", body: JsonContent.Create(new { email, password = Accounts.Password }));
        var jwt = (await JsonOf(tokenResponse, HttpStatusCode.OK)).GetProperty("accessToken").GetString()!;

        foreach (var bearer in new[] { key, jwt })
        {
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            var walker = new Walker(client);
            await WalkAsync(walker);
            Assert.Empty(ApiContract.Routes.Skip(1).Append(ApiContract.Feedback).Except(walker.Walked));
        }
    }

    [Fact]
    public async Task The_site_cookie_opens_no_route_and_another_owner_gets_404_for_each()
    {
        using var alice = await Accounts.OwnerBrowserAsync(app, "alice");
        using var aliceApi = await ApiKeys.ClientAsync(app, alice);
        var ids = await CreateResourcesAsync(new Walker(aliceApi));

        var cookie = new Walker(alice.Http);
        foreach (var (method, template, body) in Requests(ids))
        {
            var response = await cookie.SendAsync(method, template, ids, body());
            Assert.True(HttpStatusCode.Unauthorized == response.StatusCode, $"{method} {template} with the cookie: {(int)response.StatusCode}");
            Assert.Null(response.Headers.Location);
            await AssertProblemAsync(response);
        }

        using var bob = await Accounts.OwnerBrowserAsync(app, "bob");
        using var bobApi = await ApiKeys.ClientAsync(app, bob);
        var stranger = new Walker(bobApi);
        foreach (var (method, template, body) in Requests(ids).Where(r => r.Template.Contains("{botId}")))
        {
            var response = await stranger.SendAsync(method, template, ids, body());
            Assert.True(HttpStatusCode.NotFound == response.StatusCode, $"{method} {template} as another owner: {(int)response.StatusCode}");
            await AssertProblemAsync(response);
        }

        Assert.Empty(ApiContract.Routes.Skip(1).Append(ApiContract.Feedback).Except(cookie.Walked));

        // Alice's document, conversation and message are not reachable through Bob's own bot either.
        var bobsBot = (await JsonOf(await stranger.SendAsync("POST", "/api/v1/bots", body: JsonContent.Create(new { name = "Bob's" })), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var throughOwnBot = ids with { Bot = bobsBot };
        foreach (var (method, template, body) in Requests(throughOwnBot).Where(r => r.Template.Contains("{id}") || r.Template.Contains("{messageId}")))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(method, template, throughOwnBot, body())).StatusCode);
        }

        var continued = await stranger.SendAsync("POST", "/api/v1/bots/{botId}/chat", throughOwnBot,
            JsonContent.Create(new { message = "Hello?", conversationId = ids.Conversation }));
        Assert.Equal(HttpStatusCode.NotFound, continued.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_every_route_with_bearer_security_and_problem_responses()
    {
        using var client = app.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        foreach (var (method, path) in ApiContract.Routes.Append(ApiContract.Feedback))
        {
            Assert.True(doc.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
            Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out var operation), $"{method} {path} is not in the OpenAPI document");
            Assert.True(operation.TryGetProperty("tags", out _), $"{method} {path} has no tag");
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");

            var secured = path != "/api/v1/auth/token";
            Assert.Equal(secured, operation.TryGetProperty("security", out var security) && security[0].TryGetProperty("bearer", out _));
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("401", out _), $"{method} {path} does not say it answers 401");
            foreach (var response in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var content = response.Value.GetProperty("content");
                Assert.True(content.TryGetProperty("application/problem+json", out _), $"{method} {path} {response.Name} is not problem details");
            }

            if (path.Contains("{botId}"))
            {
                Assert.True(responses.TryGetProperty("404", out _), $"{method} {path} does not say it answers 404");
            }
        }
    }

    [Fact]
    public async Task OpenApi_document_lists_the_widget_routes_without_owner_security()
    {
        using var client = app.CreateClient();
        var paths = (await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        foreach (var (method, path, refusal) in new[]
                 {
                     ("post", "/api/v1/widget/sessions", "403"), ("post", "/api/v1/widget/chat", "429"),
                     ("get", "/api/v1/widget/conversations/{id}", "404"), ("get", "/widget/avatar/{publicKey}", "404"),
                 })
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
            var operation = item.GetProperty(method);
            Assert.Equal("Widget", operation.GetProperty("tags")[0].GetString());
            Assert.False(string.IsNullOrEmpty(operation.GetProperty("summary").GetString()), $"{method} {path} has no summary");
            // Visitors have no owner's token: the session token (chat, history) is checked by the route itself.
            Assert.False(operation.TryGetProperty("security", out _), $"{method} {path} must not ask for the owner's bearer");
            Assert.True(operation.GetProperty("responses").TryGetProperty(refusal, out _), $"{method} {path} does not say it answers {refusal}");
        }

        Assert.False(paths.GetProperty("/api/v1/widget/chat").TryGetProperty("options", out _), "The preflight route is not an API operation");
    }

    [Fact]
    public async Task Api_reference_page_serves_swagger_ui_from_the_site_itself()
    {
        using var browser = app.CreateBrowser();
        var page = await browser.GetPageAsync("/docs/api/index.html");
        Assert.Contains("ChatSphere API reference", page);
        Assert.DoesNotContain("src=\"http", page);
        Assert.DoesNotContain("href=\"http", page);
        Assert.Contains("openapi/v1.json", await browser.GetPageAsync("/docs/api/index.js"));
        Assert.Contains("SwaggerUIBundle", await browser.GetPageAsync("/docs/api/swagger-ui-bundle.js"));
        Assert.Contains("href=\"/docs/api\"", await browser.GetPageAsync("/"));
    }

    /// <summary>Every route in the order an owner would use them, asserting the documented shapes and statuses.</summary>
    private static async Task WalkAsync(Walker api)
    {
        var ids = await CreateResourcesAsync(api);

        var bots = await JsonOf(await api.SendAsync("GET", "/api/v1/bots"), HttpStatusCode.OK);
        Assert.Contains(bots.EnumerateArray(), b => b.GetProperty("id").GetGuid() == ids.Bot);
        await JsonOf(await api.SendAsync("GET", "/api/v1/bots/{botId}", ids), HttpStatusCode.OK);
        var renamed = await JsonOf(await api.SendAsync("PUT", "/api/v1/bots/{botId}", ids, JsonContent.Create(new { name = "Renamed" })), HttpStatusCode.OK);
        Assert.Equal("Renamed", renamed.GetProperty("name").GetString());

        var documents = await JsonOf(await api.SendAsync("GET", "/api/v1/bots/{botId}/documents", ids), HttpStatusCode.OK);
        var listed = Assert.Single(documents.EnumerateArray());
        foreach (var field in new[] { "id", "name", "status", "chunkCount", "updatedAt" })
        {
            Assert.True(listed.TryGetProperty(field, out _), $"documents list lacks {field}");
        }

        Assert.Equal("ready", listed.GetProperty("status").GetString());
        Assert.True(listed.GetProperty("chunkCount").GetInt32() > 0);

        var results = (await JsonOf(await api.SendAsync("POST", "/api/v1/bots/{botId}/search", ids, JsonContent.Create(new { query = "lamp visible", top = 3 })), HttpStatusCode.OK))
            .GetProperty("results");
        var best = results[0];
        foreach (var field in new[] { "chunkId", "documentId", "documentName", "text", "score" })
        {
            Assert.True(best.TryGetProperty(field, out _), $"search result lacks {field}");
        }

        using var stream = await api.SendAsync("POST", "/api/v1/bots/{botId}/chat", ids, JsonContent.Create(new { message = "When was it built?", conversationId = ids.Conversation }), "text/event-stream");
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType!.MediaType);
        Assert.Contains("event: done", await stream.Content.ReadAsStringAsync());

        var conversations = await JsonOf(await api.SendAsync("GET", "/api/v1/bots/{botId}/conversations", ids), HttpStatusCode.OK);
        Assert.Equal(ids.Conversation, Assert.Single(conversations.EnumerateArray()).GetProperty("id").GetGuid());
        var transcript = await JsonOf(await api.SendAsync("GET", "/api/v1/bots/{botId}/conversations/{id}", ids), HttpStatusCode.OK);
        Assert.Equal(4, transcript.GetProperty("messages").GetArrayLength());
        var feedback = await api.SendAsync("POST", "/api/v1/bots/{botId}/messages/{messageId}/feedback", ids, JsonContent.Create(new { value = "up" }));
        Assert.Equal(HttpStatusCode.NoContent, feedback.StatusCode);

        Assert.Equal(HttpStatusCode.Accepted, (await api.SendAsync("POST", "/api/v1/bots/{botId}/documents/{id}/reindex", ids)).StatusCode);
        await WaitUntilSettledAsync(api, ids);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync("DELETE", "/api/v1/bots/{botId}/documents/{id}", ids)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync("GET", "/api/v1/bots/{botId}/documents/{id}", ids)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync("DELETE", "/api/v1/bots/{botId}", ids)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync("GET", "/api/v1/bots/{botId}", ids)).StatusCode);
    }

    /// <summary>A bot with one ingested document and one conversation (an answer from the offline answerer).</summary>
    private static async Task<Ids> CreateResourcesAsync(Walker api)
    {
        var bot = await JsonOf(await api.SendAsync("POST", "/api/v1/bots", body: JsonContent.Create(new { name = "Lighthouse" })), HttpStatusCode.Created);
        Assert.StartsWith("pk_", bot.GetProperty("publicKey").GetString());
        Assert.Equal(JsonValueKind.Array, bot.GetProperty("allowedOrigins").ValueKind);
        var ids = new Ids(bot.GetProperty("id").GetGuid(), Guid.Empty, Guid.Empty, Guid.Empty);

        var upload = await JsonOf(await api.SendAsync("POST", "/api/v1/bots/{botId}/documents", ids, Upload()), HttpStatusCode.Accepted);
        Assert.Equal("lighthouse.txt", upload.GetProperty("name").GetString());
        Assert.Contains(upload.GetProperty("status").GetString(), DocumentStatuses);
        ids = ids with { Id = upload.GetProperty("id").GetGuid() };
        await WaitUntilSettledAsync(api, ids);

        var reply = await JsonOf(await api.SendAsync("POST", "/api/v1/bots/{botId}/chat", ids, JsonContent.Create(new { message = "How far is the lamp visible?" })), HttpStatusCode.OK);
        foreach (var field in new[] { "conversationId", "messageId", "reply", "citations" })
        {
            Assert.True(reply.TryGetProperty(field, out _), $"chat reply lacks {field}");
        }

        var citation = reply.GetProperty("citations")[0];
        foreach (var field in new[] { "chunkId", "documentId", "documentName", "snippet" })
        {
            Assert.True(citation.TryGetProperty(field, out _), $"citation lacks {field}");
        }

        return ids with { Conversation = reply.GetProperty("conversationId").GetGuid(), Message = reply.GetProperty("messageId").GetGuid() };
    }

    private static async Task WaitUntilSettledAsync(Walker api, Ids ids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var document = await JsonOf(await api.SendAsync("GET", "/api/v1/bots/{botId}/documents/{id}", ids), HttpStatusCode.OK);
            var status = document.GetProperty("status").GetString();
            Assert.Contains(status, DocumentStatuses);
            if (status == "ready")
            {
                return;
            }

            Assert.True(status != "failed" && DateTime.UtcNow < deadline, $"Document is {status}: {document}");
            await Task.Delay(50);
        }
    }

    /// <summary>One request per route, for the checks that expect a refusal (nothing here is meant to succeed).</summary>
    private static IEnumerable<(string Method, string Template, Func<HttpContent?> Body)> Requests(Ids ids) =>
    [
        ("GET", "/api/v1/bots", () => null),
        ("POST", "/api/v1/bots", () => JsonContent.Create(new { name = "Not allowed" })),
        ("GET", "/api/v1/bots/{botId}", () => null),
        ("PUT", "/api/v1/bots/{botId}", () => JsonContent.Create(new { name = "Mine now" })),
        ("DELETE", "/api/v1/bots/{botId}", () => null),
        ("POST", "/api/v1/bots/{botId}/documents", Upload),
        ("GET", "/api/v1/bots/{botId}/documents", () => null),
        ("GET", "/api/v1/bots/{botId}/documents/{id}", () => null),
        ("DELETE", "/api/v1/bots/{botId}/documents/{id}", () => null),
        ("POST", "/api/v1/bots/{botId}/documents/{id}/reindex", () => null),
        ("POST", "/api/v1/bots/{botId}/search", () => JsonContent.Create(new { query = "lamp" })),
        ("POST", "/api/v1/bots/{botId}/chat", () => JsonContent.Create(new { message = "Hello?" })),
        ("GET", "/api/v1/bots/{botId}/conversations", () => null),
        ("GET", "/api/v1/bots/{botId}/conversations/{id}", () => null),
        ("POST", "/api/v1/bots/{botId}/messages/{messageId}/feedback", () => JsonContent.Create(new { value = "down" })),
    ];

    private static MultipartFormDataContent Upload() => new()
    {
        {
            new ByteArrayContent(TestFiles.Text(
                "The lighthouse was built in 1854 on the northern cape.\n\nIts lamp is visible for 22 nautical miles.")),
            "file", "lighthouse.txt"
        },
    };

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    /// <summary>The bot, the route's {id} (a document, or a conversation), a conversation and one of its answers.</summary>
    private sealed record Ids(Guid Bot, Guid Id, Guid Conversation, Guid Message);

    /// <summary>Sends to a route by its template and remembers which routes were walked.</summary>
    private sealed class Walker(HttpClient http)
    {
        public HashSet<(string Method, string Path)> Walked { get; } = [];

        public async Task<HttpResponseMessage> SendAsync(string method, string template, Ids? ids = null, HttpContent? body = null, string accept = "application/json")
        {
            Walked.Add((method, template));
            var url = ids is null ? template : template.Replace("{botId}", ids.Bot.ToString())
                .Replace("{id}", (template.Contains("/conversations/") ? ids.Conversation : ids.Id).ToString())
                .Replace("{messageId}", ids.Message.ToString());
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = body };
            request.Headers.Accept.ParseAdd(accept);
            var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            return response;
        }
    }
}
