using System.Collections.Concurrent;
using ChatSphere.Core.Ingestion;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// Counts the request body bytes the app read, per request named by the <see cref="Header"/> a test sends: placed in
/// front of the whole pipeline, so whatever the app reads passes through it.
/// </summary>
public sealed class BodyReads : IStartupFilter
{
    public const string Header = "X-Test-Request";

    private readonly ConcurrentDictionary<string, long> _read = new();

    /// <summary>Bytes of the body of request <paramref name="id"/> the app read; null when no such request finished.</summary>
    public long? Of(string id) => _read.TryGetValue(id, out var read) ? read : null;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, following) =>
        {
            if (context.Request.Headers[Header] is not [{ } id])
            {
                await following(context);
                return;
            }

            var counting = new CountingReadStream(context.Request.Body);
            context.Request.Body = counting;
            try
            {
                await following(context);
            }
            finally
            {
                _read[id] = counting.BytesRead;
            }
        });
        next(app);
    };
}
