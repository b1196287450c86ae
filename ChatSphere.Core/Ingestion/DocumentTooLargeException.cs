namespace ChatSphere.Core.Ingestion;

/// <summary>The upload is over the configured size limit (HTTP 413). The message is for the user.</summary>
public sealed class DocumentTooLargeException(string message) : Exception(message);
