using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>One page handler (<c>OnPostDeleteAsync</c>…) and the endpoint of its page.</summary>
public sealed record PageHandler(RouteEndpoint Endpoint, HandlerMethodDescriptor Handler)
{
    public string Page => Endpoint.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath;

    public HttpMethod Method => new(Handler.HttpMethod.ToUpperInvariant());

    /// <summary>Guid slots other than the bot's: route values and guid handler parameters (sent in the query).</summary>
    public IReadOnlyList<string> IdSlots =>
        [.. Endpoint.RoutePattern.Parameters.Where(p => p.Name != BotRoutes.BotId && BotRoutes.IsGuid(p)).Select(p => p.Name)
            .Concat(QueryParameters.Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) == typeof(Guid)).Select(p => p.Name))];

    /// <summary>Whether the handler is about a bot or something in one: a bot route value or any id at all.</summary>
    public bool NamesAnId => Endpoint.RoutePattern.GetParameter(BotRoutes.BotId) is not null || IdSlots.Count > 0;

    /// <summary>The multipart field of the handler's file parameter, or null when it takes no file.</summary>
    public string? FileField => Handler.Parameters.FirstOrDefault(p => IsFile(p.ParameterType))?.Name;

    public bool TakesJson => Handler.Parameters.Any(p => p.BindingInfo?.BindingSource == BindingSource.Body);

    /// <summary>The URL with its route and query filled: ids from <paramref name="fill"/>, plain values for the rest.</summary>
    public string Url(Guid bot, IReadOnlyDictionary<string, Guid> fill)
    {
        var query = new List<string>();
        if (Handler.Name is { } name)
        {
            query.Add($"handler={name}");
        }

        foreach (var parameter in QueryParameters)
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            string? value = fill.TryGetValue(parameter.Name, out var id) ? id.ToString()
                : type == typeof(string) ? "x"
                : type == typeof(int) ? "1"
                : type == typeof(bool) ? "false"
                : null;
            if (value is not null)
            {
                query.Add($"{parameter.Name}={Uri.EscapeDataString(value)}");
            }
        }

        var path = BotRoutes.Path(Endpoint.RoutePattern, bot, fill);
        return query.Count == 0 ? path : $"{path}?{string.Join('&', query)}";
    }

    private static bool IsFile(Type type) =>
        typeof(IFormFile).IsAssignableFrom(type) || typeof(IEnumerable<IFormFile>).IsAssignableFrom(type);

    private IEnumerable<HandlerParameterDescriptor> QueryParameters =>
        Handler.Parameters.Where(p => Endpoint.RoutePattern.GetParameter(p.Name) is null && p.BindingInfo?.BindingSource != BindingSource.Body);
}
