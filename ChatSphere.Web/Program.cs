using ChatSphere.Agents;
using ChatSphere.Core;
using ChatSphere.Core.Ingestion;
using ChatSphere.Web;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Chat;
using ChatSphere.Web.Infrastructure;
using ChatSphere.Web.Knowledge;
using ChatSphere.Web.Observability;
using ChatSphere.Web.OpenAi;
using ChatSphere.Web.Widget;
using Hangfire;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

// The same executable reads untrusted files in a child process (see DocumentExtraction).
if (args is [ExtractionWorker.Command, var kind])
{
    return await ExtractionWorker.RunAsync(kind);
}

var builder = WebApplication.CreateBuilder(args);
// Serve Identity UI's Bootstrap from the build output in every environment, not only Development.
builder.WebHost.UseStaticWebAssets();

builder.AddChatSphereCore();
builder.AddChatSphereAgents();
builder.AddChatSphereWeb();
builder.AddChatSphereObservability();

var app = builder.Build();

await app.InitialiseAsync();

// First, so the client IP (the widget's per-IP limit) and the site's origin are right behind a configured proxy.
app.UseForwardedHeaders();
// CSP, frame and referrer rules by path, and Secure cookies over HTTPS (or always, see Cookies:*), on every response.
app.UseSecurityHeaders();
app.UseCookiePolicy();
app.UseMetricsEndpoint();

if (!app.Environment.IsDevelopment())
{
    // 503 while the database is away (DatabaseUnavailableHandler writes API answers), 500 otherwise.
    app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", StatusCodeSelector = DatabaseUnavailableHandler.StatusCodeOf });
    // Only on HTTPS requests, which behind a proxy means one in Proxy:KnownProxies that sends X-Forwarded-Proto.
    app.UseHsts();
}

// Friendly pages for bare 403/404s on the site; the API answers with problem details instead.
app.UseWhen(
    context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/v1"),
    site => site.UseStatusCodePagesWithReExecute("/Error", "?code={0}"));
// The API's bare 401/404/405/413s become problem+json with a detail (ApiProblems).
app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
// OpenAI clients read errors as {"error": {...}}: bare statuses on /v1 (the bearer challenge, unknown routes) get that body.
app.UseWhen(context => context.Request.Path.StartsWithSegments("/v1"), v1 => v1.UseStatusCodePages(OpenAiCompatibleApi.WriteStatusErrorAsync));

app.UseStaticFiles();
// Before routing and authentication: a chat turn's span starts when its request arrived.
app.UseRequestArrival();
app.UseRouting();
// Each route's body limit, before anything (authentication included) reads or waits for the body.
app.UseRequestBodyLimits();
app.UseAuthentication();
app.UseAuthorization();
// After routing, for the endpoints' own policies (the token endpoint's failed sign-ins per address).
app.UseRateLimiter();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
app.MapApiReference();
app.MapAuthApi();
app.MapBotsApi();
// Every /api/v1/bots/{botId}/... route: the caller's bot, checked once by the BotOwner policy, or 404.
app.MapBotGroup()
    .MapBotApi()
    .MapDocumentsApi()
    .MapSearchApi()
    .MapChatApi()
    .MapConversationsApi();
app.MapWidgetApi();
app.MapWidgetAssets();
app.MapOpenAiCompatibleApi();
app.MapRazorPages();
app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], DashboardTitle = "ChatSphere jobs" })
    .RequireAuthorization(AuthPolicies.Admin);

await app.RunAsync();
return 0;

/// <summary>Visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
