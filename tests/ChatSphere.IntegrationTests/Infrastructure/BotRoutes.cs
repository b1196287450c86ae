using System.Net.Http.Headers;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Infrastructure;

/// <summary>
/// What names a bot, read from the running host rather than listed by hand: API endpoints with a <c>botId</c> route value
/// and the handlers of the pages under a folder, each turned into URLs whose id slots are filled from a set of ids.
/// </summary>
public static class BotRoutes
{
    public const string BotId = "botId";

    public static IReadOnlyList<RouteEndpoint> ApiEndpoints(IServiceProvider services) =>
        Endpoints(services)
            .Where(e => e.RoutePattern.GetParameter(BotId) is not null && e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .ToList();

    /// <summary>Every handler (OnGet…, OnPost…) of every page under <paramref name="folder"/>, as the page loader compiles it.</summary>
    public static async Task<List<PageHandler>> PageHandlersAsync(IServiceProvider services, string folder)
    {
        var loader = services.GetRequiredService<PageLoader>();
        var handlers = new List<PageHandler>();
        // A page with two routes (/Bots and /Bots/Index) has one set of handlers.
        foreach (var page in Endpoints(services)
                     .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is { AreaName: null } d && d.ViewEnginePath.StartsWith(folder + "/"))
                     .GroupBy(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath))
        {
            var endpoint = page.First();
            var compiled = await loader.LoadAsync(endpoint.Metadata.GetMetadata<PageActionDescriptor>()!, endpoint.Metadata);
            handlers.AddRange(compiled.HandlerMethods.Select(h => new PageHandler(endpoint, h)));
            if (!compiled.HandlerMethods.Any(h => h.HttpMethod.Equals("Get", StringComparison.OrdinalIgnoreCase)))
            {
                // A page without OnGet still renders on GET: that request names its ids as much as a handler does.
                handlers.Add(new PageHandler(endpoint, new HandlerMethodDescriptor { HttpMethod = "Get", Parameters = [], MethodInfo = null! }));
            }
        }

        return handlers;
    }

    /// <summary>The path with <c>botId</c> set to <paramref name="bot"/>, once per way of giving the other guid slots one of <paramref name="ids"/>.</summary>
    public static IEnumerable<string> Paths(RoutePattern pattern, Guid bot, IReadOnlyList<Guid> ids) =>
        Fills(pattern.Parameters.Where(p => p.Name != BotId && IsGuid(p)).Select(p => p.Name).ToList(), ids)
            .Select(fill => Path(pattern, bot, fill));

    /// <summary>Every assignment of <paramref name="ids"/> to <paramref name="slots"/>.</summary>
    public static IEnumerable<Dictionary<string, Guid>> Fills(IReadOnlyList<string> slots, IReadOnlyList<Guid> ids) =>
        slots.Aggregate(
            new[] { new Dictionary<string, Guid>(StringComparer.OrdinalIgnoreCase) }.AsEnumerable(),
            (fills, slot) => fills.SelectMany(fill => ids.Select(id => new Dictionary<string, Guid>(fill, StringComparer.OrdinalIgnoreCase) { [slot] = id })));

    public static string Path(RoutePattern pattern, Guid bot, IReadOnlyDictionary<string, Guid> fill) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { Name: BotId } => bot.ToString(),
            RoutePatternParameterPart parameter when fill.TryGetValue(parameter.Name, out var id) => id.ToString(),
            RoutePatternParameterPart parameter => parameter.ParameterPolicies.Any(p => p.Content == "int") ? "1" : "x",
            _ => throw new NotSupportedException($"Route part {part.GetType().Name} in {pattern.RawText}"),
        }))));

    public static bool IsGuid(RoutePatternParameterPart parameter) => parameter.ParameterPolicies.Any(p => p.Content == "guid");

    /// <summary>A small text file as the multipart field <paramref name="field"/>, plus <paramref name="fields"/>.</summary>
    public static MultipartFormDataContent TextFile(string field, IReadOnlyDictionary<string, string>? fields = null)
    {
        var file = new ByteArrayContent(TestFiles.Text("A note that must not reach another owner's bot."));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/plain");
        var content = new MultipartFormDataContent { { file, field, "note.txt" } };
        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    private static IEnumerable<RouteEndpoint> Endpoints(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().Distinct();
}
