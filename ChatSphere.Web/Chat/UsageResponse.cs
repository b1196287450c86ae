namespace ChatSphere.Web.Chat;

public sealed record UsageResponse(int InputTokens, int OutputTokens);
