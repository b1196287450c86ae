using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using ChatSphere.Web.Chat;
using ChatSphere.Web.OpenAi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ChatSphere.UnitTests.Web;

public sealed class ChatEventWriterTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task A_delta_is_one_event_with_one_data_line_and_html_escaped_text()
    {
        var (http, body) = Response();
        using (var events = new ChatEventWriter(http, Web))
        {
            await events.DeltaAsync("<b>\"hi\"</b>\nnext line é", CancellationToken.None);
        }

        Assert.Equal("event: delta\ndata: {\"text\":\"\\u003Cb\\u003E\\u0022hi\\u0022\\u003C/b\\u003E\\nnext line \\u00E9\"}\n\n", await body());
        Assert.Equal("text/event-stream", http.Response.ContentType);
        Assert.Equal("no-cache,no-store", http.Response.Headers.CacheControl.ToString());
        Assert.Equal("identity", http.Response.Headers.ContentEncoding.ToString());
        Assert.Equal("no", http.Response.Headers["X-Accel-Buffering"].ToString());
    }

    [Fact]
    public async Task Events_follow_each_other_with_their_data_as_json_of_the_runtime_type()
    {
        var (http, body) = Response();
        using (var events = new ChatEventWriter(http, Web))
        {
            await events.DeltaAsync("One", CancellationToken.None);
            await events.DeltaAsync(" two", CancellationToken.None);
            await events.EventAsync("done", (object)new { ConversationId = 7, Reply = "One two" }, CancellationToken.None);
        }

        Assert.Equal(
            "event: delta\ndata: {\"text\":\"One\"}\n\nevent: delta\ndata: {\"text\":\" two\"}\n\nevent: done\ndata: {\"conversationId\":7,\"reply\":\"One two\"}\n\n",
            await body());
    }

    [Fact]
    public async Task OpenAI_style_events_are_unnamed_data_lines_ending_with_done()
    {
        var (http, body) = Response();
        using (var events = new ChatEventWriter(http, Web))
        {
            await events.DataAsync(new { Id = "chatcmpl-1", Choices = new[] { new { Index = 0 } } }, CancellationToken.None);
            await events.DoneMarkerAsync(CancellationToken.None);
        }

        Assert.Equal("data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0}]}\n\ndata: [DONE]\n\n", await body());
    }

    // A response whose body pipe writes into memory.
    private static (HttpContext Http, Func<Task<string>> Body) Response()
    {
        var pipe = new Pipe();
        var http = new DefaultHttpContext();
        http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(pipe.Writer.AsStream()));
        var stream = new MemoryStream();
        return (http, async () =>
        {
            await pipe.Writer.CompleteAsync();
            await pipe.Reader.AsStream().CopyToAsync(stream);
            return Encoding.UTF8.GetString(stream.ToArray());
        });
    }
}
