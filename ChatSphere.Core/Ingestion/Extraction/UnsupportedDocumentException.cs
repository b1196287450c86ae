namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>The file is not what it claims to be, or not a format ChatSphere reads. The message is for the user.</summary>
public sealed class UnsupportedDocumentException(string reason) : Exception(reason);
