using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ChatSphere.Web.Observability;

/// <summary>
/// Who may read /metrics besides this machine: the Prometheus server's network, say. The client address is the one
/// after forwarded headers, so behind a proxy it is the proxy's client only when the proxy is in Proxy:KnownProxies.
/// </summary>
public sealed class MetricsOptions : IValidatableObject
{
    public const string SectionName = "Metrics";

    /// <summary>Networks in CIDR form, e.g. "10.0.0.0/8"; one address is "10.0.0.5/32".</summary>
    public List<string> AllowedNetworks { get; set; } = [];

    /// <summary>Loopback or one of <see cref="AllowedNetworks"/>; an unknown address (no TCP peer) is not.</summary>
    public bool Allows(IPAddress? client)
    {
        if (client is null)
        {
            return false;
        }

        // A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d, which IPv4 networks would not contain.
        client = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return IPAddress.IsLoopback(client) || AllowedNetworks.Any(network => IPNetwork.Parse(network).Contains(client));
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        AllowedNetworks.Where(network => !IPNetwork.TryParse(network, out _)).Select(network => new ValidationResult(
            $"{SectionName}:{nameof(AllowedNetworks)}: '{network}' is not a CIDR network like 10.0.0.0/8 (one address is 10.0.0.5/32).",
            [nameof(AllowedNetworks)]));
}
