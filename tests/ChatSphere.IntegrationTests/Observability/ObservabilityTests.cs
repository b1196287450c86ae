using System.Net;
using System.Net.Http.Json;
using System.Text;
using ChatSphere.Core.Telemetry;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Observability;

[Collection(ObservabilityCollection.Name)]
public sealed class ObservabilityTests(ObservabilityFactory app)
{
    [Fact]
    public async Task A_loopback_scrape_gets_prometheus_text_with_chatsphere_metrics()
    {
        using var http = new HttpClient { BaseAddress = app.SiteUrl };
        // Something to count: a widget request without a bot key is refused as invalid.
        using (var refused = await http.PostAsJsonAsync("/api/v1/widget/sessions", new { botKey = "" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        using var scrape = await http.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.Equal("text/plain", scrape.Content.Headers.ContentType?.MediaType);
        var text = await scrape.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE chatsphere_widget_rejections_total counter", text);
        Assert.Matches("""chatsphere_widget_rejections_total\{[^}]*chatsphere_reason="invalid"[^}]*\} [1-9]""", text);
    }

    [Fact]
    public async Task Metrics_are_404_for_a_client_outside_the_allowed_networks_and_served_to_one_inside()
    {
        using var http = new HttpClient { BaseAddress = app.SiteUrl };

        // TEST-NET-3 is not in Metrics:AllowedNetworks: the same 404 as any unknown page, nothing to tell it apart.
        using var outside = await ScrapeAsync(http, "203.0.113.9");
        using var unknown = await ScrapeAsync(http, "203.0.113.9", "/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(unknown.Content.Headers.ContentType?.MediaType, outside.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("# TYPE", await outside.Content.ReadAsStringAsync());

        using var inside = await ScrapeAsync(http, "198.51.100.7");
        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        Assert.Contains("# TYPE", await inside.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Spans_and_metrics_are_exported_over_otlp_when_an_endpoint_is_set()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();
        var document = await api.IngestAsync(bot, "otlp.txt", TestFiles.Text("Collectors receive spans over OTLP and store them."));

        // The protobuf holds names and ids as UTF-8 strings: no decoder is needed to find them.
        var traces = await app.Otlp.WaitForAsync("/v1/traces", body => Has(body, document.Id.ToString()));
        Assert.True(Has(traces, ChatSphereTelemetry.Spans.Ingest));
        Assert.True(Has(traces, ObservabilityFactory.ServiceName));
        var metrics = await app.Otlp.WaitForAsync("/v1/metrics", body => Has(body, "chatsphere.ingestion.chunks"));
        Assert.True(Has(metrics, ObservabilityFactory.ServiceName));
    }

    private static Task<HttpResponseMessage> ScrapeAsync(HttpClient http, string forwardedFor, string path = "/metrics")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return http.SendAsync(request);
    }

    private static bool Has(byte[] protobuf, string text) => protobuf.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
