namespace ChatSphere.Web.Knowledge;

/// <summary>PATCH of a document: its language (an ISO 639-1 code), or "" or null to detect it.</summary>
public sealed record DocumentUpdate(string? Language);
