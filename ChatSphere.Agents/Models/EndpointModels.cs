using System.ClientModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatSphere.Agents.Models;

/// <summary>
/// The model ids the configured endpoint lists (<c>GET {baseUrl}/models</c>), kept for
/// <see cref="ModelOptions.ListCacheMinutes"/>. A failed listing is logged (the reason, never the key or the reply) and
/// answered with the last good list, or null when there never was one; it is tried again after a minute.
/// </summary>
public sealed class EndpointModels(
    Func<CancellationToken, Task<IReadOnlyList<string>>> fetch, TimeProvider clock, IOptions<ModelOptions> options, ILogger<EndpointModels> logger)
{
    /// <summary>A listing that takes longer is given up: the settings page waits on it.</summary>
    public static readonly TimeSpan ListTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Snapshot _snapshot = new(null, DateTimeOffset.MinValue);

    /// <summary>The listed ids, or null when the endpoint has never answered.</summary>
    public async Task<IReadOnlyList<string>?> GetAsync(CancellationToken cancellationToken)
    {
        if (clock.GetUtcNow() < _snapshot.Expires)
        {
            return _snapshot.Models;
        }

        // One refresh at a time; the others wait for it and take its answer.
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (clock.GetUtcNow() < _snapshot.Expires)
            {
                return _snapshot.Models;
            }

            _snapshot = await RefreshAsync(cancellationToken);
            return _snapshot.Models;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<Snapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ListTimeout);
        try
        {
            var models = await fetch(timeout.Token);
            return new Snapshot(models, clock.GetUtcNow().AddMinutes(options.Value.ListCacheMinutes));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The reply's body may echo part of the key (OpenAI's 401 does): only the status or the exception's type.
            var reason = ex is ClientResultException { Status: > 0 } failed ? $"HTTP {failed.Status}" : ex.GetType().Name;
            var endpoint = options.Value.BaseUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "api.openai.com";
            logger.LogWarning(
                "Listing the models of {Endpoint} failed ({Reason}); offering {Fallback} until it answers",
                endpoint, reason, _snapshot.Models is null ? "the configured defaults" : "its last list");
            return _snapshot with { Expires = clock.GetUtcNow() + RetryAfterFailure };
        }
    }

    private sealed record Snapshot(IReadOnlyList<string>? Models, DateTimeOffset Expires);
}
