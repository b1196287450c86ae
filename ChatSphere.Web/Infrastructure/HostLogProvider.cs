using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// Hangfire keeps its log provider in a static, so with several hosts in one process (integration tests) the last
/// host to start owns it, and once that host is disposed Hangfire's clients in the others would fail to log.
/// This provider falls back to silence instead. With one host per process, as in production, it is Hangfire's own.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null) => false;
    }
}
