using System.Net;
using ChatSphere.Agents.Answering;
using Microsoft.SemanticKernel;

namespace ChatSphere.UnitTests.Answering;

public sealed class ModelFailureTests
{
    private static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_model_gone_silent_is_a_retryable_timeout_whatever_else_happened()
    {
        var failure = ModelFailure.Of(new TaskCanceledException(), idle: true, IdleLimit);

        Assert.Equal(("timeout", true), (failure.Code, failure.Retryable));
        Assert.Equal("The model did not answer within 30 seconds.", failure.Detail);
        Assert.Equal("timeout", ModelFailure.Of(Status(HttpStatusCode.InternalServerError), idle: true, IdleLimit).Code);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, "timeout", true)]
    [InlineData(HttpStatusCode.TooManyRequests, "rate_limited", true)]
    [InlineData(HttpStatusCode.Unauthorized, "model_auth", false)]
    [InlineData(HttpStatusCode.Forbidden, "model_auth", false)]
    [InlineData(HttpStatusCode.InternalServerError, "model_unavailable", true)]
    [InlineData(HttpStatusCode.BadGateway, "model_unavailable", true)]
    [InlineData(HttpStatusCode.BadRequest, "model_error", true)]
    public void An_http_failure_is_told_by_its_status(HttpStatusCode status, string code, bool retryable)
    {
        var failure = ModelFailure.Of(Status(status), idle: false, IdleLimit);

        Assert.Equal((code, retryable), (failure.Code, failure.Retryable));
    }

    [Fact]
    public void A_failure_without_a_status_is_a_retryable_model_error()
    {
        foreach (var ex in new Exception[] { new InvalidOperationException("Unexpected"), new System.ClientModel.ClientResultException("No response") })
        {
            var failure = ModelFailure.Of(ex, idle: false, IdleLimit);
            Assert.Equal(("model_error", true, "The answer could not be produced."), (failure.Code, failure.Retryable, failure.Detail));
        }
    }

    private static HttpOperationException Status(HttpStatusCode status) => new(status, "", "", null);
}
