namespace ChatSphere.Core.Domain;

/// <summary>
/// A model of the configured endpoint that an Admin allows owners to choose. While the list is empty, every model
/// the endpoint lists is offered; once it has entries, only those (and the configured defaults).
/// </summary>
public sealed class AllowedModel
{
    public required string Name { get; set; }

    /// <summary>What the model is for: the endpoint's list does not say, so the Admin does.</summary>
    public ModelKind Kind { get; set; }

    public DateTimeOffset AddedAt { get; set; } = DateTimeOffset.UtcNow;
}
