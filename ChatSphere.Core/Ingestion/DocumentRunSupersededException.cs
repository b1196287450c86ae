namespace ChatSphere.Core.Ingestion;

/// <summary>A newer run took the document (or it was deleted): this run stops and writes nothing more.</summary>
public sealed class DocumentRunSupersededException() : Exception("Another ingestion run owns the document now.");
