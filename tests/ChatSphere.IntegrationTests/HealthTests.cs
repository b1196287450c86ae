using System.Net;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Web.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace ChatSphere.IntegrationTests;

[Collection(AppCollection.Name)]
public sealed class HealthTests(ChatSphereFactory app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_healthy_without_signing_in(string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_fails_when_postgres_does_not_answer()
    {
        // Port 1 on loopback: nothing listens there.
        var builder = new NpgsqlConnectionStringBuilder(TestDatabase.ServerConnectionString) { Port = 1, Timeout = 2 };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        var result = await new DatabaseHealthCheck(dataSource).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task Readiness_fails_when_the_vector_extension_is_missing()
    {
        // template0 is pristine: unlike template1 on the test cluster, it has no pgvector.
        await using var database = await TestDatabase.CreateAsync("novector", template: "template0");
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var result = await new DatabaseHealthCheck(dataSource).CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("vector extension", result.Description);
    }
}
