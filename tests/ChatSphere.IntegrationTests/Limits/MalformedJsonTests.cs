using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Limits;

/// <summary>Unreadable, deeply nested and huge JSON on each family of JSON routes: 400 or 413 with a readable body, never 500 or HTML.</summary>
[Collection(InputsCollection.Name)]
public sealed class MalformedJsonTests(InputsFactory app)
{
    public static TheoryData<string, int> Bodies => new()
    {
        { """{"message": "Hello", """, 400 },
        // Each route has one of these fields, and none takes a number.
        { """{"message": 5, "query": 5, "messages": 5, "email": 5, "name": 5, "botKey": 5}""", 400 },
        { "{\"nested\": " + new string('[', 100) + new string(']', 100) + "}", 400 },
        { "{\"message\": \"" + new string('a', 600 * 1024) + "\"}", 413 },
        { "[" + string.Concat(Enumerable.Repeat("1,", 300 * 1024)) + "1]", 413 },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Each_json_route_family_answers_bad_json_with_problem_details_or_openai_errors(string json, int expected)
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        string[] routes =
        [
            "/api/v1/auth/token", "/api/v1/bots", $"/api/v1/bots/{bot}", $"/api/v1/bots/{bot}/search", $"/api/v1/bots/{bot}/chat",
            "/api/v1/widget/sessions", "/api/v1/widget/chat", "/v1/chat/completions",
        ];

        foreach (var route in routes)
        {
            var method = route == $"/api/v1/bots/{bot}" ? HttpMethod.Put : HttpMethod.Post;
            using var response = await api.Http.SendAsync(new HttpRequestMessage(method, route)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
                Headers = { ExpectContinue = true },
            });

            Assert.True((int)response.StatusCode == expected, $"{method} {route}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (route.StartsWith("/v1", StringComparison.Ordinal))
            {
                Assert.Equal("invalid_request_error", body.GetProperty("error").GetProperty("type").GetString());
                Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetProperty("message").GetString()));
            }
            else
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(expected, body.GetProperty("status").GetInt32());
                Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("detail").GetString()), $"{route}: {body}");
            }
        }
    }

    [Theory]
    [InlineData("""[1, 2]""")]
    [InlineData("""[{"type": 5}]""")]
    [InlineData("""[{"type": "text", "text": {"not": "text"}}]""")]
    [InlineData("""[null]""")]
    public async Task Malformed_content_parts_on_v1_get_openai_400s_not_500_pages(string content)
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var json = $$"""{"model": "{{bot}}", "messages": [{"role": "user", "content": {{content}}}]}""";

        using var response = await api.Http.PostAsync("/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("messages[0].content", error.GetProperty("param").GetString());
    }

    [Fact]
    public async Task A_null_message_on_v1_gets_an_openai_400()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();

        using var response = await api.Http.PostAsJsonAsync("/v1/chat/completions", new { model = bot.ToString(), messages = new object?[] { null } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("application/json").MediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid_request_error", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("type").GetString());
    }
}
