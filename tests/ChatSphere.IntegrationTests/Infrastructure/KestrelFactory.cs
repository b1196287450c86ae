namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>The site on a real loopback port for browser tests.</summary>
public sealed class KestrelFactory : ChatSphereFactory
{
    public KestrelFactory() => Kestrel = true;
}
