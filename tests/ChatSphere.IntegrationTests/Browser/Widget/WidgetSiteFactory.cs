using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests.Browser.Widget;

/// <summary>The site on a real port for widget pages, with a small per-visitor limit and room for every test's requests from one address.</summary>
public sealed class WidgetSiteFactory : ChatSphereFactory
{
    public const int PerVisitorPerMinute = 3;

    public WidgetSiteFactory() => Kestrel = true;

    protected override IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Widget:PerVisitorPerMinute", PerVisitorPerMinute.ToString()),
        ("Widget:PerIpPerMinute", "10000"),
        ("Widget:PerBotPerMinute", "10000"),
    ];
}

/// <summary>Widget tests: ChatSphere, a customer's site on other origins, and a real Chromium.</summary>
[CollectionDefinition(Name)]
public sealed class WidgetBrowserCollection : ICollectionFixture<WidgetSiteFactory>, ICollectionFixture<CustomerSite>, ICollectionFixture<Chromium>
{
    public const string Name = "widget-browser";
}
