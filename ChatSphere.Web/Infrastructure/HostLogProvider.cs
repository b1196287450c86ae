using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// Hangfire keeps its log provider in a static, so with several hosts in one process (integration tests) every
/// host's workers log through whichever host configured Hangfire last. Once that host is disposed its loggers
/// throw, which stopped the other hosts' workers. These loggers fall silent instead. With one host per process,
/// as in production, this is Hangfire's own ASP.NET Core logging.
/// </summary>
public sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return new SafeLog(_inner.GetLogger(name));
        }
        catch (ObjectDisposedException)
        {
            return new SafeLog(null);
        }
    }

    private sealed class SafeLog(ILog? inner) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception? exception = null)
        {
            try
            {
                return inner?.Log(logLevel, messageFunc, exception) ?? false;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
