namespace ChatSphere.Core.Quotas;

/// <summary>What an account is limited in. Chat counts every channel, on the bot owner's account.</summary>
public enum Quota
{
    MessagesPerMinute,
    MessagesPerDay,
    TokensPerDay,
    Documents,
    StoredBytes,
    Bots,
}
