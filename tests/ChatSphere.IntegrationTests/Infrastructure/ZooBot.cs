namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>A new owner's bot "Zoo" with one ready document, a section each on otters and beavers, for chat tests.</summary>
public static class ZooBot
{
    public const string Animals =
        "# Animals\n\n## Otters\n\nSea otters hold hands while they sleep so they do not drift apart.\n\n" +
        "## Beavers\n\nBeavers build dams from branches and mud to make deep ponds.\n";

    public static async Task<(ApiClient Api, Guid Bot)> CreateAsync(ChatSphereFactory app)
    {
        var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync(new { name = "Zoo" });
        await api.IngestAsync(bot, "animals.md", TestFiles.Text(Animals));
        return (api, bot);
    }
}
