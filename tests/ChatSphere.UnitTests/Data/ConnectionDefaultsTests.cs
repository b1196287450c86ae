using ChatSphere.Core.Data;
using Npgsql;

namespace ChatSphere.UnitTests.Data;

public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void A_connection_string_without_keepalive_gets_it_and_keeps_npgsqls_connect_timeout()
    {
        var tuned = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply("Host=db;Database=chatsphere;Username=app"));
        Assert.Equal((ConnectionDefaults.KeepAliveSeconds, 15), (tuned.KeepAlive, tuned.Timeout));
        Assert.Equal("db", tuned.Host);
    }

    [Fact]
    public void Values_the_operator_set_are_kept()
    {
        var tuned = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply("Host=db;Keepalive=7;Timeout=40"));
        Assert.Equal((7, 40), (tuned.KeepAlive, tuned.Timeout));
    }
}
