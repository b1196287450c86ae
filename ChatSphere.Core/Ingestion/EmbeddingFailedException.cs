namespace ChatSphere.Core.Ingestion;

/// <summary>The embedding model failed or answered something unusable; the message says what, for the document's error.</summary>
public sealed class EmbeddingFailedException(string message, Exception? inner = null) : Exception(message, inner);
