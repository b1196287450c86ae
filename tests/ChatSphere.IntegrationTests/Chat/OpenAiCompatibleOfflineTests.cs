using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Chat;

/// <summary>No model key: <c>/v1/chat/completions</c> answers through the offline extractive answerer, plain and streamed.</summary>
[Collection(AppCollection.Name)]
public sealed class OpenAiCompatibleOfflineTests(ChatSphereFactory app)
{
    [Fact]
    public async Task The_offline_answerer_answers_through_v1_plain_and_streamed_with_zero_usage()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Lighthouse" });
        await api.IngestAsync(bot, "lighthouse.txt", TestFiles.Text(
            "The lighthouse was built in 1854 on the northern cape.\n\nIts lamp is visible for 22 nautical miles.\n\n" +
            "The keeper's cottage is now a small museum open in summer."));
        var messages = new[] { new { role = "user", content = "How far is the lamp visible?" } };

        var plain = await api.Http.PostAsJsonAsync("/v1/chat/completions", new { model = bot.ToString(), messages });
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var body = await plain.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("22 nautical miles", body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Contains("22 nautical miles", Assert.Single(body.GetProperty("citations").EnumerateArray()).GetProperty("snippet").GetString());
        Assert.Equal(0, body.GetProperty("usage").GetProperty("total_tokens").GetInt32());

        using var streamed = await api.Http.PostAsJsonAsync("/v1/chat/completions", new
        {
            model = bot.ToString(), messages, stream = true, stream_options = new { include_usage = true },
        });
        var data = await Sse.DataAsync(streamed);
        Assert.Equal("[DONE]", data[^1]);
        var text = string.Concat(data.SkipLast(1).Select(d => JsonDocument.Parse(d).RootElement.GetProperty("choices"))
            .Where(c => c.GetArrayLength() > 0 && c[0].GetProperty("delta").TryGetProperty("content", out _))
            .Select(c => c[0].GetProperty("delta").GetProperty("content").GetString()));
        Assert.Equal(body.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString(), text);
    }
}
