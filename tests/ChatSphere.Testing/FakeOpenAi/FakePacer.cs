using System.Diagnostics;

namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>
/// One timer loop for every paced stream: each waits for a Stopwatch timestamp, and the loop wakes once a millisecond
/// (only while someone waits) and releases all that are due. Hundreds of streams at 50 tokens/s then cost one timer,
/// not one per token.
/// </summary>
internal sealed class FakePacer(CancellationToken stopping)
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(1);

    private readonly PriorityQueue<TaskCompletionSource, long> _waiting = new();
    private readonly Lock _lock = new();
    private TaskCompletionSource _work = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    /// <summary>Completes once <see cref="Stopwatch.GetTimestamp"/> has reached <paramref name="timestamp"/>.</summary>
    public Task WaitUntilAsync(long timestamp, CancellationToken cancellationToken)
    {
        if (Stopwatch.GetTimestamp() >= timestamp)
        {
            return Task.CompletedTask;
        }

        // Continuations run on the thread pool, so the loop only flips flags.
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiting.Enqueue(waiter, timestamp);
            _loop ??= Task.Run(RunAsync, CancellationToken.None);
            _work.TrySetResult();
        }

        return waiter.Task.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                Task idle;
                lock (_lock)
                {
                    var now = Stopwatch.GetTimestamp();
                    while (_waiting.TryPeek(out var waiter, out var due) && due <= now)
                    {
                        _waiting.Dequeue();
                        waiter.TrySetResult();
                    }

                    if (_waiting.Count == 0)
                    {
                        _work = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }

                    idle = _work.Task;
                }

                // Nothing waits: sleep until someone does, so an idle fake costs nothing.
                await idle.WaitAsync(stopping);
                await timer.WaitForNextTickAsync(stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
