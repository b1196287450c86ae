using System.Security.Cryptography;

namespace ChatSphere.Core.Domain;

public sealed class Bot
{
    public const string DefaultFallbackMessage =
        "I don't know. I couldn't find that in the documents I was given.";

    public const string DefaultWidgetColor = "#2563eb";
    public const int DefaultDailyTokenBudget = 200_000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string OwnerId { get; set; }

    public AppUser? Owner { get; set; }

    public required string Name { get; set; }

    /// <summary>The owner's own instructions, added after the house rules.</summary>
    public string Instructions { get; set; } = "";

    /// <summary>Chat model id; null means the configured default.</summary>
    public string? ChatModel { get; set; }

    public float Temperature { get; set; } = 0.2f;

    public int MaxAnswerTokens { get; set; } = 800;

    /// <summary>The embedding model the owner chose; null means the configured default.</summary>
    public string? EmbeddingModel { get; set; }

    /// <summary>
    /// The model whose vectors the chunks hold now, and that queries embed with. It differs from the chosen
    /// model only while a re-embedding job runs; then it switches in one transaction.
    /// </summary>
    public string? ActiveEmbeddingModel { get; set; }

    /// <summary>The language (ISO 639-1) of documents that have no language of their own from the owner; null detects each one's.</summary>
    public string? DocumentLanguage { get; set; }

    /// <summary>Chunk size for this bot's documents, in tokens.</summary>
    public int ChunkMaxTokens { get; set; } = Ingestion.Chunking.ChunkingOptions.DefaultMaxTokens;

    public int ChunkOverlapTokens { get; set; } = Ingestion.Chunking.ChunkingOptions.DefaultOverlapTokens;

    /// <summary>How many chunks the agent retrieves for each question.</summary>
    public int RetrievalTop { get; set; } = 5;

    /// <summary>Hybrid search results scoring below this (0 to 1, relative to the best result) are dropped; null keeps all.</summary>
    public float? ScoreThreshold { get; set; }

    public string WelcomeMessage { get; set; } = "Hi! Ask me anything about my documents.";

    public List<string> SuggestedQuestions { get; set; } = [];

    /// <summary>Answer only from retrieved documents; otherwise reply with <see cref="FallbackMessage"/>.</summary>
    public bool GroundedOnly { get; set; } = true;

    public string FallbackMessage { get; set; } = DefaultFallbackMessage;

    /// <summary>The widget's key. Public by design: it identifies the bot, it grants nothing by itself.</summary>
    public string PublicKey { get; set; } = NewPublicKey();

    /// <summary>Sites allowed to embed the widget. Empty allows none.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>The widget's accent colour, as #rrggbb.</summary>
    public string WidgetColor { get; set; } = DefaultWidgetColor;

    /// <summary>The widget window's title; null shows the bot's name.</summary>
    public string? WidgetTitle { get; set; }

    public WidgetPosition WidgetPosition { get; set; } = WidgetPosition.BottomRight;

    /// <summary>When the widget's avatar (a <see cref="BotAvatar"/>, served by public key) last changed; null when there is none.</summary>
    public DateTimeOffset? WidgetAvatarUpdatedAt { get; set; }

    /// <summary>Tokens the widget may spend per UTC day (question, context and answer); beyond it visitors get 429 until midnight.</summary>
    public int DailyTokenBudget { get; set; } = DefaultDailyTokenBudget;

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;

    public List<Document> Documents { get; set; } = [];

    public List<Conversation> Conversations { get; set; } = [];

    public static string NewPublicKey() =>
        "pk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
