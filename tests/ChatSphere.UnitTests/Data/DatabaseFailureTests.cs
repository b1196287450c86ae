using System.Net.Sockets;
using ChatSphere.Core.Data;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ChatSphere.UnitTests.Data;

public sealed class DatabaseFailureTests
{
    [Fact]
    public void A_refused_connection_is_transient_also_inside_efs_retry_limit_exception()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
        Assert.True(DatabaseFailure.IsTransient(refused));
        Assert.True(DatabaseFailure.IsTransient(new RetryLimitExceededException("The maximum number of retries (3) was exceeded", refused)));
        Assert.True(DatabaseFailure.IsBrokenConnection(refused));
    }

    [Fact]
    public void Other_errors_are_not_transient()
    {
        Assert.False(DatabaseFailure.IsTransient(new InvalidOperationException("bug")));
        Assert.False(DatabaseFailure.IsTransient(null));
    }
}
