using Microsoft.Playwright;

namespace ChatSphere.IntegrationTests.Browser;

/// <summary>
/// Collects what a browser context's pages break of their Content-Security-Policy, across navigations: the pages'
/// securitypolicyviolation events (reported through a binding, which CSP does not govern) and Chromium's console errors.
/// </summary>
public sealed class CspWatch
{
    private readonly List<string> _violations = [];

    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_violations)
            {
                return [.. _violations];
            }
        }
    }

    public static async Task<CspWatch> AttachAsync(IBrowserContext context)
    {
        var watch = new CspWatch();
        await context.ExposeBindingAsync("__cspViolation", (BindingSource source, string violation) =>
        {
            watch.Add($"{source.Page?.Url}: {violation}");
        });
        await context.AddInitScriptAsync("""
            document.addEventListener('securitypolicyviolation', e =>
                window.__cspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
            """);
        context.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                watch.Add($"{message.Location}: {message.Text}");
            }
        };
        return watch;
    }

    private void Add(string violation)
    {
        lock (_violations)
        {
            _violations.Add(violation);
        }
    }
}
