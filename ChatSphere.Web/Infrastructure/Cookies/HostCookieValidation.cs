using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Infrastructure.Cookies;

/// <summary>A <c>__Host-</c> cookie must be Secure, for Path=/ and without a Domain, or browsers refuse to store it.</summary>
public sealed class HostCookieValidation : IValidateOptions<CookieAuthenticationOptions>, IValidateOptions<AntiforgeryOptions>
{
    public ValidateOptionsResult Validate(string? name, CookieAuthenticationOptions options) => Check(options.Cookie);

    public ValidateOptionsResult Validate(string? name, AntiforgeryOptions options) => Check(options.Cookie);

    private static ValidateOptionsResult Check(CookieBuilder cookie)
    {
        if (cookie.Name?.StartsWith(CookiesOptions.Prefix, StringComparison.Ordinal) != true)
        {
            return ValidateOptionsResult.Success;
        }

        List<string> failures = [];
        if (cookie.SecurePolicy != CookieSecurePolicy.Always)
        {
            failures.Add("it must be Secure (CookieSecurePolicy.Always)");
        }

        if (cookie.Path != "/")
        {
            failures.Add($"its Path must be / (not '{cookie.Path}')");
        }

        if (cookie.Domain is not null)
        {
            failures.Add($"it must have no Domain (not '{cookie.Domain}')");
        }

        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Cookies:HostPrefix: the cookie '{cookie.Name}' cannot be a __Host- cookie: {string.Join("; ", failures)}. " +
                "Remove the Domain or Path set for it, or set Cookies:HostPrefix=false.");
    }
}
