using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.Core.Telemetry;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChatSphere.IntegrationTests.Widget;

[Collection(WidgetCollection.Name)]
public sealed class WidgetRejectionTests(WidgetFactory app)
{
    private const string Shop = "https://shop.example";

    [Fact]
    public async Task Every_refused_widget_request_is_counted_by_reason_and_answered_ones_are_not()
    {
        using var rejections = new MetricCollector<long>(
            app.Services.GetRequiredService<IMeterFactory>(), ChatSphereTelemetry.Name, "chatsphere.widget.rejections");
        var key = await CreateBotAsync();
        using var page = WidgetVisitor.Create(app, Shop);
        using var stranger = WidgetVisitor.Create(app, "https://evil.example");

        await AssertStatusAsync(HttpStatusCode.BadRequest, page.StartSessionAsync(""));
        await AssertStatusAsync(HttpStatusCode.NotFound, page.StartSessionAsync("pk_no_such_bot"));
        await AssertStatusAsync(HttpStatusCode.Forbidden, stranger.StartSessionAsync(key));
        var preflight = stranger.Request(HttpMethod.Options, $"/api/v1/widget/sessions?botKey={key}");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        await AssertStatusAsync(HttpStatusCode.NoContent, stranger.SendAsync(preflight));
        await AssertStatusAsync(HttpStatusCode.Unauthorized, page.ChatAsync("not-a-session", "hello"));
        var (token, _) = await page.SessionAsync(key);
        await AssertStatusAsync(HttpStatusCode.BadRequest, page.ChatAsync(token, new string('a', 201)));
        // The per-IP budget: this page's address runs out after a few more sessions.
        for (var i = 0; ; i++)
        {
            using var session = await page.StartSessionAsync(key);
            if (session.StatusCode == HttpStatusCode.TooManyRequests)
            {
                break;
            }

            Assert.True(session.IsSuccessStatusCode && i < WidgetFactory.PerIpPerMinute, $"Session {i}: {(int)session.StatusCode}");
        }

        var counted = rejections.GetMeasurementSnapshot()
            .GroupBy(m => (string)m.Tags[ChatSphereTelemetry.Tags.Reason]!)
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, long>
        {
            ["invalid"] = 2, ["not_found"] = 1, ["origin_not_allowed"] = 2, ["session_invalid"] = 1, ["rate_limited"] = 1,
        }, counted);
    }

    private static async Task AssertStatusAsync(HttpStatusCode expected, Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<string> CreateBotAsync()
    {
        using var owner = await ApiClient.CreateAsync(app);
        var response = await owner.Http.PostAsJsonAsync("/api/v1/bots", new { name = "Counted", allowedOrigins = new[] { Shop } });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("publicKey").GetString()!;
    }
}
