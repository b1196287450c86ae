using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.CookiePolicy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Infrastructure.Cookies;

/// <summary>Secure and (optionally) host-only cookies for the whole site, from the Cookies section.</summary>
public static class SiteCookies
{
    public const string AntiforgeryName = "chatsphere.antiforgery";

    public static void AddSiteCookies(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CookiesOptions.SectionName).Get<CookiesOptions>() ?? new CookiesOptions();
        var services = builder.Services;

        // Through the cookie policy middleware, so every cookie is covered whoever appends it: the sign-in cookie,
        // Identity's two-factor ones, antiforgery (Secure never, by its own default) and TempData.
        services.Configure<CookiePolicyOptions>(policy =>
            policy.Secure = options.Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);

        // A __Host- cookie that is not Secure, has a Domain or another Path is dropped by browsers: fail at start instead.
        services.AddSingleton<IValidateOptions<CookieAuthenticationOptions>, HostCookieValidation>();
        services.AddSingleton<IValidateOptions<AntiforgeryOptions>, HostCookieValidation>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).ValidateOnStart();
        services.AddOptions<AntiforgeryOptions>().ValidateOnStart();

        if (!options.HostPrefix)
        {
            return;
        }

        // Post-configured, so the names Identity and ChatSphere give their cookies are set by now.
        services.PostConfigureAll<CookieAuthenticationOptions>(auth => HostOnly(auth.Cookie));
        services.PostConfigure<AntiforgeryOptions>(antiforgery =>
        {
            antiforgery.Cookie.Name = AntiforgeryName;
            HostOnly(antiforgery.Cookie);
        });
        services.PostConfigure<CookieTempDataProviderOptions>(tempData => HostOnly(tempData.Cookie));
    }

    private static void HostOnly(Microsoft.AspNetCore.Http.CookieBuilder cookie)
    {
        if (cookie.Name?.StartsWith(CookiesOptions.Prefix, StringComparison.Ordinal) == false)
        {
            cookie.Name = CookiesOptions.Prefix + cookie.Name;
        }

        cookie.SecurePolicy = CookieSecurePolicy.Always;
        cookie.Path = "/";
    }
}
