using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSphere.IntegrationTests.Infrastructure;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ChatSphere.IntegrationTests.Limits;

/// <summary>Every route's body limit holds before the body is read, on a real Kestrel host.</summary>
[Collection(InputsCollection.Name)]
public sealed class BodyLimitTests(InputsFactory app)
{
    private const int OneMegabyte = 1024 * 1024;

    [Fact]
    public async Task Every_anonymous_route_refuses_a_1_MB_body_at_once_without_reading_it()
    {
        var routes = AnonymousRoutes().ToList();
        Assert.Contains(routes, r => r.Path == "/api/v1/auth/token");
        Assert.Contains(routes, r => r.Path == "/api/v1/widget/sessions");
        Assert.Contains(routes, r => r.Path.StartsWith("/Identity/Account/Login", StringComparison.Ordinal));

        foreach (var (method, path) in routes)
        {
            var (status, elapsed, problem, id) = await SendHeadOnlyAsync(method, path, OneMegabyte);

            Assert.True(status == 413, $"{method} {path}: {status}");
            Assert.True(elapsed < TimeSpan.FromSeconds(5), $"{method} {path}: refused after {elapsed.TotalMilliseconds:F0} ms");
            Assert.True(await ReadOfAsync(id) == 0, $"{method} {path}: the app read {await ReadOfAsync(id)} bytes of the body");
            Assert.True(method == "HEAD" || problem.GetProperty("detail").GetString()!.Contains("limit of"), $"{method} {path}: {problem}");
        }
    }

    [Fact]
    public async Task A_chunked_body_is_read_only_up_to_the_routes_limit()
    {
        using var http = app.CreateClient();
        var content = new StreamContent(new MemoryStream(new byte[OneMegabyte]));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var (response, _, read) = await SendAsync(http, HttpMethod.Post, "/api/v1/auth/token", content, chunked: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.InRange(read!.Value, 0, BodyLimits.Credentials + 16 * 1024);
        var problem = await AssertNamesTheLimitAsync(response);
        Assert.Equal(BodyLimits.Credentials, problem.GetProperty("limitBytes").GetInt64());
    }

    [Fact]
    public async Task Uploads_up_to_the_upload_limit_are_accepted_and_a_larger_body_is_refused_before_it_is_read()
    {
        using var api = await ApiClient.CreateAsync(app);
        var bot = await api.CreateBotAsync();

        var full = await api.UploadAsync(bot, "full.txt", TestFiles.Text(new string('a', (int)InputsFactory.UploadLimit - 1) + "."));
        Assert.Equal(HttpStatusCode.Accepted, full.StatusCode);

        var tooBig = new MultipartFormDataContent { { new ByteArrayContent(new byte[InputsFactory.UploadLimit + BodyLimits.FormOverhead]), "file", "big.txt" } };
        var (response, _, read) = await SendAsync(api.Http, HttpMethod.Post, $"/api/v1/bots/{bot}/documents", tooBig, expectContinue: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, read);
        await AssertNamesTheLimitAsync(response);
    }

    [Fact]
    public async Task The_documents_page_takes_several_uploads_but_its_other_forms_and_other_pages_get_the_small_form_limit()
    {
        var email = await Accounts.CreateOwnerAsync(app);
        using var owner = await Accounts.BrowserAsync(app, email);
        using var api = new ApiClient(app.CreateClient(), app);
        api.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await Accounts.TokenAsync(app, email));
        var bot = await api.CreateBotAsync();
        var documents = $"/Bots/{bot}/Documents";
        var token = await owner.AntiforgeryTokenAsync(documents);

        MultipartFormDataContent Form(int files, int bytes)
        {
            var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
            for (var i = 0; i < files; i++)
            {
                form.Add(new ByteArrayContent(TestFiles.Text($"File {i}. " + new string('x', bytes))), "files", $"file{i}.txt");
            }

            return form;
        }

        var upload = await owner.Http.PostAsync(documents + "?handler=Upload", Form(files: 3, bytes: 2 * OneMegabyte));
        Assert.True(upload.IsSuccessStatusCode || upload.StatusCode == HttpStatusCode.Redirect, upload.StatusCode.ToString());
        await using (var scope = app.CreateScope())
        {
            Assert.Equal(3, await app.Db(scope).Documents.CountAsync(d => d.BotId == bot));
        }

        var (delete, _, read) = await SendAsync(owner.Http, HttpMethod.Post, documents + "?handler=Delete&id=" + Guid.NewGuid(), Form(files: 1, bytes: 2 * OneMegabyte), expectContinue: true);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, delete.StatusCode);
        Assert.Equal(0, read);
        var problem = await AssertNamesTheLimitAsync(delete);
        Assert.Equal(BodyLimits.Form, problem.GetProperty("limitBytes").GetInt64());
    }

    /// <summary>Sends a request tagged for <see cref="BodyReads"/>; returns the response, how long it took, and what the app read.</summary>
    private async Task<(HttpResponseMessage Response, TimeSpan Elapsed, long? Read)> SendAsync(
        HttpClient http, HttpMethod method, string path, HttpContent content, bool chunked = false, bool expectContinue = false)
    {
        var id = Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(BodyReads.Header, id);
        request.Headers.TransferEncodingChunked = chunked ? true : null;
        // As clients send large bodies: the server's early answer stops the body before it is sent. (One that sends it
        // anyway is refused as early: SendHeadOnlyAsync.)
        request.Headers.ExpectContinue = expectContinue ? true : null;
        var watch = Stopwatch.StartNew();
        var response = await http.SendAsync(request);
        var elapsed = watch.Elapsed;
        await response.Content.LoadIntoBufferAsync();
        return (response, elapsed, await ReadOfAsync(id));
    }

    /// <summary>
    /// Sends the head of a request that declares a body of <paramref name="declared"/> bytes, and only 1 KB of it, over a
    /// plain socket: the answer must come without the rest of the body. Returns the status, the time to it, the body as
    /// JSON and the request's <see cref="BodyReads"/> id.
    /// </summary>
    private async Task<(int Status, TimeSpan Elapsed, JsonElement Body, string Id)> SendHeadOnlyAsync(string method, string path, long declared)
    {
        var id = Guid.NewGuid().ToString("N");
        using var socket = new TcpClient();
        await socket.ConnectAsync(app.SiteUrl.Host, app.SiteUrl.Port);
        var stream = socket.GetStream();
        var head = $"{method} {path} HTTP/1.1\r\nHost: {app.SiteUrl.Authority}\r\nContent-Type: application/json\r\n" +
            $"Content-Length: {declared}\r\n{BodyReads.Header}: {id}\r\n\r\n";
        var watch = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(new byte[1024]);

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var status = int.Parse((await reader.ReadLineAsync())!.Split(' ')[1], CultureInfo.InvariantCulture);
        var elapsed = watch.Elapsed;
        var chunked = false;
        for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
        {
            chunked |= line.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        }

        // The server closes the connection after the refusal, so the rest of the stream is the body.
        var body = await reader.ReadToEndAsync();
        if (chunked)
        {
            var chunks = new StringBuilder();
            for (var at = 0; ;)
            {
                var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
                var size = Convert.ToInt32(body[at..end], 16);
                if (size == 0)
                {
                    break;
                }

                chunks.Append(body, end + 2, size);
                at = end + 2 + size + 2;
            }

            body = chunks.ToString();
        }

        return (status, elapsed, method == "HEAD" ? default : JsonDocument.Parse(body).RootElement.Clone(), id);
    }

    // The count is stored as the request ends on the server, which may be just after the client has the response.
    private async Task<long?> ReadOfAsync(string id)
    {
        for (var i = 0; i < 100 && app.BodyReads.Of(id) is null; i++)
        {
            await Task.Delay(20);
        }

        return app.BodyReads.Of(id);
    }

    private static async Task<JsonElement> AssertNamesTheLimitAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.Contains("limit of", problem.GetProperty("detail").GetString());
        return problem;
    }

    /// <summary>Each method and path of every endpoint that lets anonymous callers in, read from the running host.</summary>
    private IEnumerable<(string Method, string Path)> AnonymousRoutes() =>
        app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().Distinct()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Post])
                .Select(method => (method, BotRoutes.Paths(e.RoutePattern, Guid.NewGuid(), [Guid.NewGuid()]).First())))
            .Distinct();
}
