using System.Net;
using ChatSphere.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChatSphere.IntegrationTests.Auth;

[Collection(AuthCollection.Name)]
public sealed class SignInLogTests(AuthFactory app)
{
    [Fact]
    public async Task Sign_ins_log_user_ids_and_never_emails()
    {
        var email = await SignIns.ConfirmedOwnerAsync(app);
        var userId = (await SignIns.FindAsync(app, email)).Id;

        using var browser = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, Accounts.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/Identity/Account/Manage/SignOutEverywhere", new Dictionary<string, string>())).StatusCode);
        using var client = SignIns.Client(app);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIns.TokenAsync(client, email, "Wrong-Passw0rd!")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIns.TokenAsync(client, email, Accounts.Password)).StatusCode);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await browser.LoginAsync(email, "Wrong-Passw0rd!");
        }

        var records = app.Services.GetFakeLogCollector().GetSnapshot();
        Assert.Contains(records, r => r.Message.Contains(userId, StringComparison.Ordinal) && r.Message.Contains("logged in", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains(userId, StringComparison.Ordinal) && r.Message.Contains("signed out everywhere", StringComparison.Ordinal));
        Assert.Contains(records, r => r.Message.Contains(userId, StringComparison.Ordinal) && r.Message.Contains("locked out", StringComparison.Ordinal));
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Information && Mentions(r, email));
    }

    /// <summary>In the message or in a structured value (what a log exporter would send).</summary>
    private static bool Mentions(FakeLogRecord record, string email) =>
        record.Message.Contains(email, StringComparison.OrdinalIgnoreCase)
        || (record.State as IEnumerable<KeyValuePair<string, object?>> ?? []).Any(pair =>
            pair.Value?.ToString()?.Contains(email, StringComparison.OrdinalIgnoreCase) == true);
}
