using System.Security.Claims;
using System.Text.RegularExpressions;
using ChatSphere.Agents.Models;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Auth;
using ChatSphere.Web.Widget;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ChatSphere.Web.Widget;

/// <summary>
/// Mints and reads widget session tokens: short-lived JWTs for one bot, one visitor and one site, signed with the API's
/// key but for their own audience, so a session can never stand in for an owner's token or the reverse.
/// </summary>
public sealed partial class WidgetSessions(
    JwtKeyRing keys, IOptions<JwtOptions> jwt, IOptions<WidgetOptions> widget, IOptions<ModelOptions> models, TimeProvider clock)
{
    public const string Audience = "chatsphere-widget";

    private readonly JsonWebTokenHandler _handler = new();

    public WidgetSessionResponse Mint(Bot bot, string origin, string? visitorId, bool preview, string siteOrigin)
    {
        var visitor = visitorId is not null && VisitorIdPattern().IsMatch(visitorId) ? visitorId : Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var expiresAt = now.AddMinutes(widget.Value.SessionMinutes);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = jwt.Value.Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(
            [
                new Claim("bot", bot.Id.ToString()),
                new Claim("vid", visitor),
                new Claim("origin", origin),
                new Claim("preview", preview ? "true" : "false"),
            ]),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expiresAt.UtcDateTime,
            SigningCredentials = new SigningCredentials(keys.Key, SecurityAlgorithms.HmacSha256),
        });

        var avatarUrl = bot.WidgetAvatarUpdatedAt is null ? null : WidgetAssetsApi.AvatarUrl(bot, siteOrigin);
        var theme = new WidgetTheme(
            bot.WidgetColor, bot.WidgetTitle ?? bot.Name,
            bot.WidgetPosition == WidgetPosition.BottomLeft ? "bottom-left" : "bottom-right", avatarUrl);
        return new WidgetSessionResponse(
            token, expiresAt, visitor,
            new WidgetBot(bot.Name, bot.WelcomeMessage, bot.SuggestedQuestions, models.Value.Mode == ModelMode.Offline,
                widget.Value.MaxMessageLength, theme));
    }

    /// <summary>
    /// The session a bearer token carries, or null when it is not one of ours. An expired session is returned (with its
    /// <see cref="WidgetSession.ExpiresAt"/> in the past) so the caller can tell "mint a new one" from "go away".
    /// </summary>
    public async Task<WidgetSession?> ReadAsync(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = jwt.Value.Issuer,
            ValidAudience = Audience,
            IssuerSigningKey = keys.Key,
            ValidateLifetime = false,
        });
        string? Claim(string name) => result.IsValid && result.Claims.TryGetValue(name, out var value) ? value as string : null;
        if (!Guid.TryParse(Claim("bot"), out var botId) || Claim("vid") is not { } visitor || Claim("origin") is not { } origin ||
            result.SecurityToken is not JsonWebToken parsed)
        {
            return null;
        }

        return new WidgetSession(botId, visitor, origin, Claim("preview") == "true",
            new DateTimeOffset(parsed.ValidTo, TimeSpan.Zero));
    }

    public bool IsExpired(WidgetSession session) => session.ExpiresAt <= clock.GetUtcNow();

    /// <summary>A visitor id the widget made up (a UUID, with or without dashes); anything else gets a fresh one.</summary>
    [GeneratedRegex("^[A-Za-z0-9_-]{16,64}$")]
    private static partial Regex VisitorIdPattern();
}

public sealed record WidgetSessionResponse(string Token, DateTimeOffset ExpiresAt, string VisitorId, WidgetBot Bot);

public sealed record WidgetBot(
    string Name, string WelcomeMessage, List<string> SuggestedQuestions, bool Offline, int MaxMessageLength, WidgetTheme Theme);

public sealed record WidgetTheme(string Color, string Title, string Position, string? AvatarUrl);
