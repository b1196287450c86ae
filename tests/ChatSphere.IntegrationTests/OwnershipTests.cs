using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.IntegrationTests;

/// <summary>
/// Every API route and page handler that names a bot, found in the running host (no list kept by hand), answers another
/// owner 404 and leaves the owner's bot as it was. Ids other than the bot's are tried with each of the owner's real ids
/// (bot, document, conversation, answer), so a route that skipped the check would reach a real row and fail here.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OwnershipTests(ChatSphereFactory app)
{
    /// <summary>The /api/v1/bots/{botId} routes, counted by method, when the check became one mechanism.</summary>
    private const int ApiRoutesThen = 13;

    /// <summary>The handlers under /Bots that name an id, when the check became one mechanism.</summary>
    private const int PageHandlersThen = 18;

    [Fact]
    public async Task Another_owner_gets_404_from_every_bot_api_route_before_its_body_is_read()
    {
        using var alice = await OwnerAsync("alice");
        var ids = await SeedAsync(alice);
        using var bob = await OwnerAsync("bob");
        var before = await SnapshotAsync(ids.Bot);

        var routes = 0;
        foreach (var endpoint in BotRoutes.ApiEndpoints(app.Services))
        {
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods)
            {
                routes++;
                // A readable body, then an unreadable one of the type the route accepts: the 404 must come before binding's
                // 400. (A type the route does not accept is refused by routing with 415 whatever the bot, like a wrong method.)
                var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
                Func<HttpContent>?[] bodies = method is "GET" or "DELETE" ? [null]
                    : [accepts.StartsWith("multipart/") ? () => BotRoutes.TextFile("file") : () => JsonContent.Create(new { }), () => Unreadable(accepts)];
                foreach (var path in BotRoutes.Paths(endpoint.RoutePattern, ids.Bot, ids.All))
                {
                    foreach (var body in bodies)
                    {
                        using var response = await SendAsync(bob.Api.Http, new HttpMethod(method), path, body?.Invoke());
                        Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {ids.Describe(path)} as another owner: {(int)response.StatusCode}");
                        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    }
                }
            }
        }

        Assert.True(routes >= ApiRoutesThen, $"Only {routes} bot routes found in the host's endpoints");
        Assert.Equal(before, await SnapshotAsync(ids.Bot));

        // The same URLs reach the owner's rows: each GET answers its owner 200 with one of the fillings.
        foreach (var endpoint in BotRoutes.ApiEndpoints(app.Services).Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Contains("GET")))
        {
            Assert.True(await AnyOkAsync(alice.Api.Http, BotRoutes.Paths(endpoint.RoutePattern, ids.Bot, ids.All)), $"GET {endpoint.RoutePattern.RawText} never answers its owner");
        }
    }

    [Fact]
    public async Task Another_owner_gets_404_from_every_page_handler_under_Bots_that_names_an_id()
    {
        using var alice = await OwnerAsync("alice");
        var ids = await SeedAsync(alice);
        using var bob = await OwnerAsync("bob");
        var token = await bob.Site.AntiforgeryTokenAsync("/Bots");
        var before = await SnapshotAsync(ids.Bot);

        var handlers = await BotRoutes.PageHandlersAsync(app.Services, "/Bots");
        // Only the bots list names nothing (its page lists and creates the caller's own bots).
        Assert.All(handlers.Where(h => !h.NamesAnId), h => Assert.Empty(h.Endpoint.RoutePattern.Parameters));
        var naming = handlers.Where(h => h.NamesAnId).ToList();
        Assert.True(naming.Count >= PageHandlersThen, $"Only {naming.Count} page handlers under /Bots name an id");

        foreach (var handler in naming)
        {
            foreach (var fill in BotRoutes.Fills(handler.IdSlots, ids.All))
            {
                var url = handler.Url(ids.Bot, fill);
                using var request = new HttpRequestMessage(handler.Method, url);
                if (handler.Method == HttpMethod.Post)
                {
                    request.Headers.Add("RequestVerificationToken", token);
                    var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
                    request.Content = handler.FileField is { } field ? BotRoutes.TextFile(field, form)
                        : handler.TakesJson ? JsonContent.Create(new { })
                        : new FormUrlEncodedContent(form);
                }

                using var response = await bob.Site.Http.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound,
                    $"{handler.Method} {ids.Describe(url)} ({handler.Page}) as another owner: {(int)response.StatusCode}");
            }
        }

        Assert.Equal(before, await SnapshotAsync(ids.Bot));

        // The same URLs reach the owner's rows: each GET handler answers its owner 200 with one of the fillings.
        foreach (var handler in naming.Where(h => h.Method == HttpMethod.Get))
        {
            Assert.True(await AnyOkAsync(alice.Site.Http, BotRoutes.Fills(handler.IdSlots, ids.All).Select(fill => handler.Url(ids.Bot, fill))),
                $"GET {handler.Page} handler {handler.Handler.Name} never answers its owner");
        }
    }

    [Fact]
    public async Task A_bot_id_in_the_form_or_query_does_not_turn_a_page_handler_onto_another_owners_bot()
    {
        using var alice = await OwnerAsync("alice");
        var ids = await SeedAsync(alice);
        using var bob = await OwnerAsync("bob");
        var token = await bob.Site.AntiforgeryTokenAsync("/Bots");
        var before = await SnapshotAsync(ids.Bot);

        // Bob's own bot in the route passes the check; Alice's id rides in the query and the form, which model binding reads
        // before the route value. A GET gets the form too: binding reads a form body whatever the method.
        foreach (var handler in (await BotRoutes.PageHandlersAsync(app.Services, "/Bots"))
                     .Where(h => h.Endpoint.RoutePattern.GetParameter(BotRoutes.BotId) is not null))
        {
            // A fresh bot for each handler: one of them deletes it.
            var own = await bob.Api.CreateBotAsync(new { name = "Harbour" });
            foreach (var fill in BotRoutes.Fills(handler.IdSlots, ids.All))
            {
                var url = handler.Url(own, fill);
                using var request = new HttpRequestMessage(handler.Method, $"{url}{(url.Contains('?') ? '&' : '?')}{BotRoutes.BotId}={ids.Bot}");
                request.Headers.Add("RequestVerificationToken", token);
                var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, [BotRoutes.BotId] = ids.Bot.ToString() };
                request.Content = handler.FileField is { } field ? BotRoutes.TextFile(field, form)
                    : handler.TakesJson ? JsonContent.Create(new { botId = ids.Bot })
                    : new FormUrlEncodedContent(form);

                using var response = await bob.Site.Http.SendAsync(request);
                // Alice's bot is "Lighthouse", and so are its document's name and text.
                Assert.DoesNotContain("lighthouse", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Equal(before, await SnapshotAsync(ids.Bot));
    }

    private async Task<Owner> OwnerAsync(string who)
    {
        var email = await Accounts.CreateOwnerAsync(app, who);
        var site = await Accounts.BrowserAsync(app, email);
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Accounts.TokenAsync(app, email));
        return new Owner(site, new ApiClient(http, app));
    }

    /// <summary>A bot with an ingested document and a conversation with an answer.</summary>
    private static async Task<Ids> SeedAsync(Owner owner)
    {
        var bot = await owner.Api.CreateBotAsync(new { name = "Lighthouse" });
        var document = await owner.Api.IngestAsync(bot, "lighthouse.txt", TestFiles.Text("The lighthouse was built in 1854.\n\nIts lamp is visible for 22 nautical miles."));
        var chat = await owner.Api.Http.PostAsJsonAsync($"/api/v1/bots/{bot}/chat", new { message = "How far is the lamp visible?" });
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        var reply = await chat.Content.ReadFromJsonAsync<JsonElement>();
        return new Ids(bot, document.Id, reply.GetProperty("conversationId").GetGuid(), reply.GetProperty("messageId").GetGuid());
    }

    /// <summary>Everything of the bot another owner could change: its row, avatar, documents, chunks, conversations, messages.</summary>
    private async Task<string> SnapshotAsync(Guid botId)
    {
        await using var scope = app.CreateScope();
        var db = app.Db(scope);
        return JsonSerializer.Serialize(new
        {
            Bot = await db.Bots.AsNoTracking().SingleAsync(b => b.Id == botId),
            Avatars = await db.BotAvatars.CountAsync(a => a.BotId == botId),
            Documents = await db.Documents.AsNoTracking().Where(d => d.BotId == botId).OrderBy(d => d.Id)
                .Select(d => new { d.Id, d.FileName, d.Status, d.Attempts, d.ChunkCount, d.UpdatedAt }).ToListAsync(),
            Chunks = await db.Chunks.CountAsync(c => c.BotId == botId),
            Conversations = await db.Conversations.AsNoTracking().Where(c => c.BotId == botId).OrderBy(c => c.Id)
                .Select(c => new { c.Id, c.Title, c.UpdatedAt }).ToListAsync(),
            Messages = await db.Messages.AsNoTracking().Where(m => m.Conversation!.BotId == botId).OrderBy(m => m.Id)
                .Select(m => new { m.Id, m.Role, m.Content, m.Feedback }).ToListAsync(),
        });
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string url, HttpContent? body)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static StringContent Unreadable(string contentType)
    {
        var content = new StringContent("{not json, nor a form part");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType.StartsWith("multipart/") ? $"{contentType}; boundary=none" : contentType);
        return content;
    }

    private static async Task<bool> AnyOkAsync(HttpClient http, IEnumerable<string> urls)
    {
        foreach (var url in urls)
        {
            using var response = await http.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return true;
            }
        }

        return false;
    }

    private sealed record Owner(BrowserClient Site, ApiClient Api) : IDisposable
    {
        public void Dispose()
        {
            Site.Dispose();
            Api.Dispose();
        }
    }

    /// <summary>The owner's bot and what is in it; <see cref="All"/> fills every id slot in turn.</summary>
    private sealed record Ids(Guid Bot, Guid Document, Guid Conversation, Guid Message)
    {
        public IReadOnlyList<Guid> All => [Bot, Document, Conversation, Message];

        /// <summary>The URL with the ids named, for a readable failure.</summary>
        public string Describe(string url) => url.Replace(Bot.ToString(), "{bot}").Replace(Document.ToString(), "{document}")
            .Replace(Conversation.ToString(), "{conversation}").Replace(Message.ToString(), "{message}");
    }
}
