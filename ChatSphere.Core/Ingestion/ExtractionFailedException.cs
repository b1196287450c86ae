namespace ChatSphere.Core.Ingestion;

/// <summary>The document could not be read (timeout, parser crash, unreadable file): retrying will not help.</summary>
public sealed class ExtractionFailedException(string message) : Exception(message);
