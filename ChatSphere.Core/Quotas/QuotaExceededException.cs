namespace ChatSphere.Core.Quotas;

/// <summary>An upload or a new bot over the account's quota: nothing was stored. The message is for the user.</summary>
public sealed class QuotaExceededException(QuotaRefusal refusal) : Exception(refusal.Message)
{
    public QuotaRefusal Refusal { get; } = refusal;
}
