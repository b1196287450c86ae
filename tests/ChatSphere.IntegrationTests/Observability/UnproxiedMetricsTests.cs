using System.Net;
using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Observability;

/// <summary>The default install: no Proxy:KnownProxies or KnownNetworks, so no client may name its own address.</summary>
[Collection(AppCollection.Name)]
public sealed class UnproxiedMetricsTests(ChatSphereFactory app)
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task Metrics_stay_404_to_a_remote_client_that_forwards_a_loopback_address_when_no_proxy_is_configured(string forwardedFor)
    {
        // The in-memory server has no TCP peer: only a believed X-Forwarded-For would make the request loopback.
        using var http = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("X-Forwarded-For", forwardedFor);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync());
    }
}
