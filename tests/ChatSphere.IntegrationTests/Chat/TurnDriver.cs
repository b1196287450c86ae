using ChatSphere.Agents.Chat;
using ChatSphere.Core.Domain;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Chat;

/// <summary>Drives <see cref="ChatTurns"/> from a test host's service scope, as a channel does, without HTTP.</summary>
public static class TurnDriver
{
    /// <summary>A new owner's "Zoo" bot (<see cref="ZooBot"/>), loaded as a channel's access check loads it.</summary>
    public static async Task<Bot> ZooAsync(ChatSphereFactory app)
    {
        var (api, id) = await ZooBot.CreateAsync(app);
        api.Dispose();
        return await LoadAsync(app, id);
    }

    public static async Task<Bot> LoadAsync(ChatSphereFactory app, Guid botId)
    {
        await using var scope = app.CreateScope();
        return await app.Db(scope).Bots.AsNoTracking().SingleAsync(b => b.Id == botId);
    }

    /// <summary>Starts the turn, which must not be refused, and runs it to its end.</summary>
    public static async Task<List<ChatUpdate>> RunAsync(ChatSphereFactory app, TurnRequest request)
    {
        await using var scope = app.CreateScope();
        var turn = await scope.ServiceProvider.GetRequiredService<ChatTurns>().StartAsync(request, default);
        Assert.Null(turn.Rejection);
        return await turn.RunAsync(default).ToListAsync();
    }

    /// <summary>A budget that writes down what it is told.</summary>
    public static Func<long, CancellationToken, Task> Recording(List<long> spent) => (tokens, _) =>
    {
        spent.Add(tokens);
        return Task.CompletedTask;
    };
}
