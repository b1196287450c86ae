namespace ChatSphere.Core.Ingestion;

public enum SaveOutcome
{
    Saved,

    /// <summary>The document was deleted while it was being ingested.</summary>
    DocumentGone,

    /// <summary>The bot switched embedding models while the chunks were embedded: embed again.</summary>
    ModelChanged,

    /// <summary>A newer ingestion run of the document took it over: this run's chunks are not saved.</summary>
    Superseded,
}
