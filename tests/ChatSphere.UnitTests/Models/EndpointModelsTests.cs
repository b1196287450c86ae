using System.ClientModel;
using ChatSphere.Agents.Models;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatSphere.UnitTests.Models;

/// <summary>The endpoint's model list, cached for ListCacheMinutes and kept through failures, on a fake clock.</summary>
public sealed class EndpointModelsTests
{
    private const string Key = "sk-very-secret-key";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeLogger<EndpointModels> _log = new();
    private readonly Queue<Func<IReadOnlyList<string>>> _answers = new();
    private int _fetches;

    [Fact]
    public async Task The_list_is_asked_once_and_again_only_after_the_cache_time()
    {
        var models = Create(listCacheMinutes: 10);
        _answers.Enqueue(() => ["a"]);
        _answers.Enqueue(() => ["a", "b"]);

        Assert.Equal(["a"], await models.GetAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(9.9));
        Assert.Equal(["a"], await models.GetAsync(CancellationToken.None));
        Assert.Equal(1, _fetches);

        _clock.Advance(TimeSpan.FromMinutes(0.2));
        Assert.Equal(["a", "b"], await models.GetAsync(CancellationToken.None));
        Assert.Equal(2, _fetches);
    }

    [Fact]
    public async Task A_failed_listing_keeps_the_last_good_list_is_logged_without_the_key_and_is_retried_after_a_minute()
    {
        var models = Create(listCacheMinutes: 10);
        _answers.Enqueue(() => ["a"]);
        _answers.Enqueue(() => throw new ClientResultException($"Incorrect API key provided: {Key}"));
        _answers.Enqueue(() => ["c"]);
        await models.GetAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(["a"], await models.GetAsync(CancellationToken.None));
        var warning = Assert.Single(_log.Collector.GetSnapshot());
        Assert.Equal("Listing the models of models.example failed (ClientResultException); offering its last list until it answers", warning.Message);
        Assert.DoesNotContain(Key, warning.Message + warning.Exception);

        _clock.Advance(EndpointModels.RetryAfterFailure - TimeSpan.FromSeconds(1));
        Assert.Equal(["a"], await models.GetAsync(CancellationToken.None));
        Assert.Equal(2, _fetches);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["c"], await models.GetAsync(CancellationToken.None));
    }

    [Fact]
    public async Task With_no_good_list_yet_a_failure_answers_null_so_only_the_defaults_are_offered()
    {
        var models = Create(listCacheMinutes: 10);
        _answers.Enqueue(() => throw new HttpRequestException("connection refused"));

        Assert.Null(await models.GetAsync(CancellationToken.None));
        Assert.Contains("offering the configured defaults", Assert.Single(_log.Collector.GetSnapshot()).Message);
    }

    private EndpointModels Create(int listCacheMinutes) => new(
        _ =>
        {
            _fetches++;
            return Task.FromResult(_answers.Dequeue()());
        },
        _clock,
        Options.Create(new ModelOptions { ApiKey = Key, BaseUrl = "https://models.example/v1", ListCacheMinutes = listCacheMinutes }),
        _log);
}
