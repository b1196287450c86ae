using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace ChatSphere.Web.Widget;

/// <summary>The widget's script (Widget/widget.js, embedded in the assembly), read once, with its content hash.</summary>
public sealed class WidgetScript
{
    private const string ResourceName = "ChatSphere.Web.Widget.widget.js";

    private WidgetScript(byte[] bytes)
    {
        Bytes = bytes;
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Version = hash[..16];
        ETag = new EntityTagHeaderValue($"\"{hash[..20]}\"");
    }

    public static WidgetScript Instance { get; } = Load();

    public byte[] Bytes { get; }

    /// <summary>Changes whenever the script does: owners' pages append it as ?v= so a versioned URL can be cached for good.</summary>
    public string Version { get; }

    public EntityTagHeaderValue ETag { get; }

    private static WidgetScript Load()
    {
        using var stream = typeof(WidgetScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new WidgetScript(copy.ToArray());
    }
}
