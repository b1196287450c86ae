namespace ChatSphere.Web.Auth;

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
