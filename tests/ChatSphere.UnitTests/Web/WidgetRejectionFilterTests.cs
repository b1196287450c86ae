using ChatSphere.Web.Widget;
using Microsoft.AspNetCore.Http;

namespace ChatSphere.UnitTests.Web;

public sealed class WidgetRejectionFilterTests
{
    [Theory]
    [InlineData(401, "session_expired")]
    [InlineData(429, "budget_exhausted")]
    [InlineData(403, "origin_not_allowed")]
    public void A_problem_is_counted_under_its_code(int status, string code)
    {
        var problem = TypedResults.Problem("detail", statusCode: status, extensions: new Dictionary<string, object?> { ["code"] = code });

        Assert.Equal(code, WidgetRejectionFilter.ReasonOf(new DefaultHttpContext(), problem));
    }

    [Fact]
    public void A_validation_problem_is_invalid_and_answers_or_server_errors_are_no_refusals()
    {
        var http = new DefaultHttpContext();

        Assert.Equal("invalid", WidgetRejectionFilter.ReasonOf(http, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["message"] = ["Too long."] })));
        Assert.Null(WidgetRejectionFilter.ReasonOf(http, TypedResults.Ok()));
        Assert.Null(WidgetRejectionFilter.ReasonOf(http, TypedResults.Problem("The model failed.", statusCode: 502)));
    }

    [Fact]
    public void A_preflight_is_refused_only_when_it_names_no_allowed_origin()
    {
        var refused = Preflight("https://evil.example");
        var allowed = Preflight("https://shop.example");
        allowed.Response.Headers.AccessControlAllowOrigin = "https://shop.example";

        Assert.Equal("origin_not_allowed", WidgetRejectionFilter.ReasonOf(refused, TypedResults.NoContent()));
        Assert.Null(WidgetRejectionFilter.ReasonOf(allowed, TypedResults.NoContent()));
        Assert.Null(WidgetRejectionFilter.ReasonOf(Preflight(null), TypedResults.NoContent()));
    }

    private static DefaultHttpContext Preflight(string? origin)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = HttpMethods.Options;
        if (origin is not null)
        {
            http.Request.Headers.Origin = origin;
        }

        return http;
    }
}
