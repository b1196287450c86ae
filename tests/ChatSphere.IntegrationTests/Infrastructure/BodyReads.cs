using System.Collections.Concurrent;
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

            var counting = new CountingStream(context.Request.Body);
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

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Counted(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
