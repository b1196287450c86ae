using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Widget;

/// <summary>A host with small widget limits behind a configured reverse proxy (see <see cref="ProxiedFactory"/>).</summary>
public sealed class WidgetFactory : ProxiedFactory
{
    public const int PerIpPerMinute = 12;
    public const int PerVisitorPerMinute = 3;
    public const int PerBotPerMinute = 5;

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        .. base.Settings,
        ("Widget:PerIpPerMinute", PerIpPerMinute.ToString()),
        ("Widget:PerVisitorPerMinute", PerVisitorPerMinute.ToString()),
        ("Widget:PerBotPerMinute", PerBotPerMinute.ToString()),
        ("Widget:MaxMessageLength", "200"),
    ];
}

[CollectionDefinition(Name)]
public sealed class WidgetCollection : ICollectionFixture<WidgetFactory>
{
    public const string Name = "widget";
}
