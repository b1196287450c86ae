namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>
/// The file is not what it claims to be, or not a format ChatSphere reads. The message is for the user;
/// the parser's own exception, when there is one, is kept as the inner exception for the logs.
/// </summary>
public sealed class UnsupportedDocumentException(string reason, Exception? innerException = null) : Exception(reason, innerException);
