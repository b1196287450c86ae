using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ChatSphere.Web.Infrastructure;

/// <summary>What /openapi/v1.json says beyond the endpoints' own metadata: the bearer scheme, where it applies, problem bodies.</summary>
public static class ApiDocument
{
    private const string BearerScheme = "bearer";
    private const string ProblemSchema = "ProblemDetails";

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Auth", "A JWT for an email and password. API keys are made on the account page instead."),
        ("Bots", "Your bots and their settings."),
        ("Documents", "What a bot answers from: upload, watch ingestion, re-index, delete."),
        ("Search", "The retrieval a bot answers with."),
        ("Chat", "Ask a bot, as one JSON reply or a stream of server-sent events."),
        ("Conversations", "Past conversations, their messages and feedback."),
    ];

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ChatSphere API";
            document.Info.Description =
                "Bots that answer from your own documents. Send `Authorization: Bearer <token>` with a JWT from " +
                "`POST /api/v1/auth/token` or an API key (`csk_…`) from your account page. Errors are problem details " +
                "(`application/problem+json`) with a sentence in `detail`; another owner's bot, document or conversation answers 404.";
            // In the order an owner meets them (Swagger UI lists tags in this order), then any others (widget, /v1).
            var known = Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }).ToList();
            document.Tags = new HashSet<OpenApiTag>(known.Concat(
                (document.Tags ?? Enumerable.Empty<OpenApiTag>()).Where(tag => !known.Any(k => k.Name == tag.Name))));
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = BearerScheme,
                BearerFormat = "JWT or API key",
                Description = "A JWT from POST /api/v1/auth/token, or an API key (csk_…) created on the account page.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer(DescribeSecurityAndProblemsAsync);
    }

    private static async Task DescribeSecurityAndProblemsAsync(
        OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        document.AddComponent(ProblemSchema, await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken));
        operation.Responses ??= [];

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid JWT or API key." });
        }

        // Bare error statuses (NotFound(), the 401 above) are written as problem details by status code pages.
        foreach (var (status, response) in operation.Responses)
        {
            if (status.StartsWith('4') || status.StartsWith('5'))
            {
                if (response is OpenApiResponse { Content: null or { Count: 0 } } bare)
                {
                    bare.Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
                    };
                }
            }
        }
    }
}
