using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using ChatSphere.Core.Accounts;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Core.Ingestion;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Bots;
using ChatSphere.Web.Infrastructure;
using ChatSphere.Web.Infrastructure.Cookies;
using ChatSphere.Web.Infrastructure.KeyEncryption;
using ChatSphere.Web.Widget;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ChatSphere.Web;

public static class DependencyInjection
{
    private const int MaxJsonDepth = 32;

    /// <summary>The Documents page's upload handler: up to ten documents in one form.</summary>
    private static readonly UploadBodyLimit DocumentsPageUpload = new(Files: 10, PageHandler: "Upload");

    public static IHostApplicationBuilder AddChatSphereWeb(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ApiProblems.AddDetail);
        services.AddExceptionHandler<DatabaseUnavailableHandler>();
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            // No request of ours nests deeper; a deeper body is refused as unreadable (400) before it costs anything.
            options.SerializerOptions.MaxDepth = MaxJsonDepth;
        });
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => options.JsonSerializerOptions.MaxDepth = MaxJsonDepth);
        services.AddOpenApi(ApiDocument.Configure);

        AddUploadLimits(builder);
        AddAccounts(services);
        builder.AddKeyEncryption();
        builder.AddSiteCookies();
        // Sent over HTTPS only (see UseHsts); not to subdomains, which may be other people's sites.
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        AddApiAuthentication(services);
        AddApiSignIns(services);
        AddJobs(builder);
        AddWidget(builder);

        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Bots", AuthPolicies.BotOwner);
            options.Conventions.AuthorizeFolder("/Admin", AuthPolicies.Admin);
            options.Conventions.AddPageApplicationModelConvention("/Bots/Index", page => page.EndpointMetadata.Add(new NamesNoBot()));
            options.Conventions.AuthorizeAreaFolder("Identity", "/Account/Manage");
            // No route to Identity UI pages that create accounts outside the sign-up policy (ExternalLogin) or, with no
            // email sender, show anyone the confirmation link of any account (RegisterConfirmation).
            foreach (var page in new[] { "/Account/ExternalLogin", "/Account/RegisterConfirmation" })
            {
                options.Conventions.AddAreaPageRouteModelConvention("Identity", page, model => model.Selectors.Clear());
            }
            // Body limits of the forms that carry files; every other page form gets BodyLimits.Form.
            options.Conventions.AddPageApplicationModelConvention("/Bots/Documents/Index", page => page.EndpointMetadata.Add(DocumentsPageUpload));
            options.Conventions.AddPageApplicationModelConvention("/Bots/Settings",
                page => page.EndpointMetadata.Add(new BodyLimit(BotLimits.WidgetAvatarMaxBytes + BodyLimits.Form)));
            options.Conventions.AddAreaPageApplicationModelConvention("Identity", "/Account/Manage/Index",
                page => page.EndpointMetadata.Add(new BodyLimit(UserProfile.MaxAvatarBytes + BodyLimits.Form)));
        });

        // Bounded: a server that accepts connections but does not answer must not hold the probe past its own timeout.
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"], timeout: TimeSpan.FromSeconds(5));
        return builder;
    }

    /// <summary>
    /// Kestrel's own limit is the JSON routes' limit: RequestBodyLimitMiddleware raises it only for upload routes
    /// (<see cref="UploadBodyLimit"/>), per request. Forms hold room for the Documents page's several documents at once;
    /// each file is held to Ingestion:MaxUploadBytes (413) on its own.
    /// </summary>
    private static void AddUploadLimits(IHostApplicationBuilder builder)
    {
        var perFile = builder.Configuration.GetValue<long?>($"{IngestionOptions.SectionName}:{nameof(IngestionOptions.MaxUploadBytes)}")
            ?? new IngestionOptions().MaxUploadBytes;
        builder.Services.Configure<KestrelServerOptions>(options => options.Limits.MaxRequestBodySize = BodyLimits.Json);
        builder.Services.Configure<FormOptions>(options => options.MultipartBodyLengthLimit = DocumentsPageUpload.BytesFor(perFile));
    }

    private static void AddAccounts(IServiceCollection services)
    {
        services.AddDefaultIdentity<AppUser>(options =>
            {
                // "Confirmed" is an Admin's approval (ApprovalConfirmation), not the email: sign-up mode Approval.
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddUserManager<AppUserManager>()
            .AddUserConfirmation<ApprovalConfirmation>()
            .AddEntityFrameworkStores<AppDbContext>();

        // ASVS 5.0 asks for at least 210,000 PBKDF2-HMAC-SHA512 iterations; older hashes are upgraded at sign-in.
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 210_000);
        services.AddSingleton<DecoyPassword>();
        // Other browsers follow a password change, a lock or "sign out everywhere" within a minute, not 30.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        // Keys in PostgreSQL: restarts and other instances keep cookies and antiforgery tokens valid.
        services.AddDataProtection()
            .SetApplicationName("ChatSphere")
            .PersistKeysToDbContext<AppDbContext>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "chatsphere.auth";
            options.Cookie.SameSite = SameSiteMode.Lax;
            // A signed-in user without the right role sees a 403 page rather than a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
    }

    private static void AddApiAuthentication(IServiceCollection services)
    {
        services.AddOptions<JwtOptions>()
            .BindConfiguration(JwtOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<JwtKeyRing>();
        services.AddScoped<TokenService>();

        // One policy scheme in front of two handlers: a csk_ key never reaches JWT parsing (no failed-token noise, no
        // second handler running per request), and a 401 is challenged by the handler that actually looked at the token.
        // No display name: Identity lists schemes that have one as external logins.
        services.AddAuthentication()
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiSchemes.ApiKey, null)
            .AddPolicyScheme(ApiSchemes.Bearer, displayName: null, options => options.ForwardDefaultSelector = context =>
                ApiKeyHandler.KeyOf(context.Request) is null ? JwtBearerDefaults.AuthenticationScheme : ApiSchemes.ApiKey);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<JwtKeyRing, IOptions<JwtOptions>, TokenStamps>((options, keys, jwt, stamps) =>
            {
                options.Events = new JwtBearerEvents { OnTokenValidated = stamps.ValidateAsync };
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Value.Issuer,
                    ValidAudience = jwt.Value.Audience,
                    IssuerSigningKeyResolver = (_, _, _, _) => [keys.Key],
                    ClockSkew = TimeSpan.FromSeconds(30),
                    RoleClaimType = System.Security.Claims.ClaimTypes.Role,
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AuthPolicies.Api, policy => policy
                .AddAuthenticationSchemes(ApiSchemes.Bearer)
                .RequireAuthenticatedUser())
            .AddPolicy(AuthPolicies.BotOwner, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new BotOwnerRequirement()))
            .AddPolicy(AuthPolicies.Admin, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                .RequireRole(Roles.Admin));
        // Scoped: it queries the request's database context, and the bot it loads is tracked there for the handler.
        services.AddScoped<IAuthorizationHandler, BotOwnerHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, BotNotFoundResultHandler>();
    }

    /// <summary>The token endpoint's checks, its limit on failures per address, and the JWTs' security stamp check.</summary>
    private static void AddApiSignIns(IServiceCollection services)
    {
        services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<TokenStamps>();
        services.AddScoped<CredentialCheck>();
        services.AddSingleton<FailedSignIns>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy<string, FailedSignInPolicy>(FailedSignInPolicy.Name);
        });
    }

    private static void AddWidget(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WidgetOptions>()
            .BindConfiguration(WidgetOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<WidgetSessions>();
        builder.Services.AddSingleton<WidgetLimits>();

        var proxies = builder.Configuration.GetSection(ProxyOptions.SectionName).Get<ProxyOptions>() ?? new ProxyOptions();
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Only the configured proxies: the defaults (loopback) would let anything on this machine choose its client IP.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new OptionsValidationException(ProxyOptions.SectionName, typeof(ProxyOptions),
                        [$"Proxy:KnownProxies: '{proxy}' is not an IP address."]));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new OptionsValidationException(ProxyOptions.SectionName, typeof(ProxyOptions),
                        [$"Proxy:KnownNetworks: '{network}' is not a CIDR network like 172.18.0.0/16."]));
            }

            // No proxy configured, nothing forwarded: with both lists empty the middleware skips its check and believes
            // every peer, so anyone could name their own address (a widget budget, /metrics' loopback).
            if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
            {
                options.ForwardedHeaders = ForwardedHeaders.None;
            }
        });
    }

    private static void AddJobs(IHostApplicationBuilder builder)
    {
        // Keepalive, as the app's own data source has (ConnectionDefaults).
        var connectionString = ConnectionDefaults.Apply(builder.Configuration.GetConnectionString(Core.DependencyInjection.ConnectionStringName)!);
        // This host's own storage in DI: Hangfire's JobStorage.Current is process-wide, and several hosts in one
        // process (the integration tests) must not pick up each other's.
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            // Jobs enqueued by any instance are picked up within a second, not 15 s. Long polling (LISTEN/NOTIFY) is off:
            // with several hosts in one process (the integration tests) a host's workers stopped picking up jobs at all.
            QueuePollInterval = TimeSpan.FromMilliseconds(builder.Configuration.GetValue<int?>("Jobs:PollIntervalMs") ?? 1000),
            // Long ingestion jobs must not be started a second time after 30 minutes.
            UseSlidingInvisibilityTimeout = true,
        };
        builder.Services.AddSingleton<JobStorage>(_ =>
            new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        // Likewise this host's own activator: AddHangfire would hand the server JobActivator.Current, which belongs to
        // whichever host configured Hangfire last, so a job could run in another host's container (and database).
        builder.Services.AddSingleton<JobActivator>(services =>
            new Hangfire.AspNetCore.AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((services, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseLogProvider(new HostLogProvider(services.GetRequiredService<ILoggerFactory>()))
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        builder.Services.AddHangfireServer(options =>
        {
            options.ServerName = $"chatsphere-{Environment.MachineName}-{Environment.ProcessId}";
            // Ingestion waits on the database and the model endpoint as much as it computes: more workers than cores.
            options.WorkerCount = builder.Configuration.GetValue<int?>("Jobs:WorkerCount") ?? Math.Clamp(Environment.ProcessorCount * 4, 4, 20);
            // How soon a job's automatic retry is queued once its delay is over (Hangfire's default, 15 s, unless set).
            options.SchedulePollingInterval = TimeSpan.FromMilliseconds(builder.Configuration.GetValue<int?>("Jobs:SchedulePollIntervalMs") ?? 15_000);
        });
    }
}
