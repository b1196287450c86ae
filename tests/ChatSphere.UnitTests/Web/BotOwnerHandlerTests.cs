using System.Security.Claims;
using ChatSphere.Web.Bots;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;

namespace ChatSphere.UnitTests.Web;

public sealed class BotOwnerHandlerTests
{
    private static readonly ClaimsPrincipal Owner = new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "owner-1")], "test"));

    [Fact]
    public async Task A_route_without_a_bot_id_is_refused_unless_it_is_marked_as_naming_no_bot()
    {
        Assert.False(await PassesAsync(new EndpointMetadataCollection()));
        Assert.False(await PassesAsync(null));
        Assert.True(await PassesAsync(new EndpointMetadataCollection(new NamesNoBot())));
    }

    /// <summary>The check for a request with no <c>botId</c> route value (no database is reached on this path).</summary>
    private static async Task<bool> PassesAsync(EndpointMetadataCollection? metadata)
    {
        var http = new DefaultHttpContext { User = Owner };
        if (metadata is not null)
        {
            http.SetEndpoint(new Endpoint(_ => Task.CompletedTask, metadata, "page"));
        }

        var requirement = new BotOwnerRequirement();
        var context = new AuthorizationHandlerContext([requirement], Owner, http);
        await new BotOwnerHandler(null!).HandleAsync(context);
        return context.HasSucceeded;
    }
}
