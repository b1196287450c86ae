namespace ChatSphere.Core.Ingestion.Extraction;

/// <summary>The document formats ChatSphere reads.</summary>
public enum DocumentKind
{
    Pdf,
    Docx,
    Html,
    Markdown,
    PlainText,
    Csv,
}
