using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class ApiTests(ChatSphereFactory app)
{
    public static async Task<string> GetTokenAsync(HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        return body.GetProperty("accessToken").GetString()!;
    }

    [Fact]
    public async Task Token_is_a_signed_jwt_for_the_user_and_opens_the_api()
    {
        var email = await Accounts.CreateOwnerAsync(app);

        using var client = app.CreateClient();
        var token = await GetTokenAsync(client, email, Accounts.Password);
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        Assert.Equal("HS256", jwt.Header.Alg);
        Assert.Equal(email, jwt.Claims.Single(c => c.Type == "email").Value);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var created = await client.PostAsJsonAsync("/api/v1/bots", new { name = "Support bot", allowedOrigins = new[] { "https://Shop.example.com/" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var bot = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("pk_", bot.GetProperty("publicKey").GetString());
        Assert.Equal("https://shop.example.com", bot.GetProperty("allowedOrigins")[0].GetString());

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/bots");
        Assert.Equal("Support bot", Assert.Single(list.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Wrong_password_gets_401_problem_details()
    {
        using var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email = ChatSphereFactory.AdminEmail, password = "nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("not correct", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Api_never_accepts_the_site_cookie()
    {
        using var browser = await Accounts.OwnerBrowserAsync(app);
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/Bots")).StatusCode);

        var response = await browser.Http.GetAsync("/api/v1/bots");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task Forged_or_expired_tokens_are_refused()
    {
        using var client = app.CreateClient();
        var token = await GetTokenAsync(client, ChatSphereFactory.AdminEmail, ChatSphereFactory.AdminPassword);
        var parts = token.Split('.');
        var forged = $"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}";
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/bots")).StatusCode);
    }

    [Fact]
    public async Task Another_users_bot_answers_404_never_403()
    {
        using var client = app.CreateClient();
        var (alice, bob) = (await Accounts.CreateOwnerAsync(app, "alice"), await Accounts.CreateOwnerAsync(app, "bob"));

        client.DefaultRequestHeaders.Authorization = new("Bearer", await GetTokenAsync(client, alice, Accounts.Password));
        var bot = await (await client.PostAsJsonAsync("/api/v1/bots", new { name = "Alice's" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = bot.GetProperty("id").GetString();

        client.DefaultRequestHeaders.Authorization = new("Bearer", await GetTokenAsync(client, bob, Accounts.Password));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/bots/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/v1/bots/{id}", new { name = "Mine now" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/bots/{id}")).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/bots")).EnumerateArray());
    }

    [Fact]
    public async Task Invalid_bot_settings_get_a_validation_problem()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            new("Bearer", await GetTokenAsync(client, ChatSphereFactory.AdminEmail, ChatSphereFactory.AdminPassword));
        var response = await client.PostAsJsonAsync("/api/v1/bots",
            new { name = "x", temperature = 5, allowedOrigins = new[] { "javascript:alert(1)", "https://ok.example/path" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("temperature", out _));
        Assert.Contains("javascript:alert(1)", errors.GetProperty("allowedOrigins")[0].GetString());

        var noName = await client.PostAsJsonAsync("/api/v1/bots", new { instructions = "hi" });
        Assert.Equal(HttpStatusCode.BadRequest, noName.StatusCode);
    }

    [Fact]
    public async Task Bot_settings_errors_are_keyed_as_the_json_names_them_and_a_change_is_checked_against_the_bot()
    {
        using var api = await ApiClient.CreateAsync(app);
        var noName = await api.Http.PostAsJsonAsync("/api/v1/bots", new { instructions = "hi" });
        var errors = (await noName.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Give the bot a name.", Assert.Single(errors.GetProperty("name").EnumerateArray()).GetString());

        // The chat model is "model" on the wire; the overlap alone is held to the bot's stored chunk size (160).
        var bot = await api.CreateBotAsync();
        var response = await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { model = new string('m', 201), chunkOverlapTokens = 80 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["chunkOverlapTokens", "model"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Contains("The model id can be at most 200 characters.", problem.GetProperty("detail").GetString());
        // Offline, the only chat model is the offline answerer: the empty (default) choice.
        Assert.Equal(HttpStatusCode.OK, (await api.Http.PutAsJsonAsync($"/api/v1/bots/{bot}", new { model = "", chunkOverlapTokens = 79 })).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_lists_the_api_routes()
    {
        using var client = app.CreateClient();
        var doc = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/auth/token", out _));
        Assert.True(paths.TryGetProperty("/api/v1/bots/{botId}", out _));
        foreach (var path in new[] { "/v1/models", "/v1/models/{model}", "/v1/chat/completions" })
        {
            var operation = paths.GetProperty(path).EnumerateObject().Single().Value;
            Assert.Equal("OpenAI-compatible", operation.GetProperty("tags")[0].GetString());
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()));
        }
    }
}
