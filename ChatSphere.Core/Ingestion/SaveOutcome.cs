namespace ChatSphere.Core.Ingestion;

public enum SaveOutcome
{
    Saved,

    /// <summary>The document was deleted while it was being ingested.</summary>
    DocumentGone,

    /// <summary>The bot switched embedding models while the chunks were embedded: embed again.</summary>
    ModelChanged,
}
