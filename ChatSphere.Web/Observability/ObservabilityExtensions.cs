using ChatSphere.Core.Telemetry;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ChatSphere.Web.Observability;

/// <summary>
/// ChatSphere's spans and metrics (and ASP.NET Core's, the HTTP client's and the runtime's) through OpenTelemetry,
/// configured by the standard OTEL_* variables (OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_EXPORTER_OTLP_HEADERS...).
/// </summary>
public static class ObservabilityExtensions
{
    public const string MetricsPath = "/metrics";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string DefaultServiceName = "chatsphere";

    /// <summary>
    /// Metrics always (for /metrics); traces, and the OTLP export of both, only when OTEL_EXPORTER_OTLP_ENDPOINT is set:
    /// without a collector no span is recorded, so a plain install pays nothing for them.
    /// </summary>
    public static IHostApplicationBuilder AddChatSphereObservability(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MetricsOptions>()
            .BindConfiguration(MetricsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]);
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"];
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(string.IsNullOrWhiteSpace(serviceName) ? DefaultServiceName : serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ChatSphereTelemetry.Name, "System.Runtime")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ChatSphereTelemetry.Name)
                // Scrapes and probes every few seconds would bury the requests worth reading.
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        }

        return builder;
    }

    /// <summary>
    /// /metrics in Prometheus' text format for loopback and Metrics:AllowedNetworks. Anyone else falls through to the
    /// site's 404, as for any unknown path, so the endpoint is not revealed (and it is not in the OpenAPI document, which
    /// anyone may read). Goes after UseForwardedHeaders: the client address is the one a trusted proxy names.
    /// </summary>
    public static IApplicationBuilder UseMetricsEndpoint(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>();
        return app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == MetricsPath && options.Value.Allows(context.Connection.RemoteIpAddress));
    }
}
