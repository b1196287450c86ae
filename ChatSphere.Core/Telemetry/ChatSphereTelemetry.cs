using System.Diagnostics;

namespace ChatSphere.Core.Telemetry;

/// <summary>
/// ChatSphere's traces: one <see cref="ActivitySource"/> named <see cref="Name"/> (the meter has the same name, see
/// <see cref="ChatSphereMetrics"/>). Span names are constants so that exporters, tests and the benchmarks agree on them.
/// </summary>
public static class ChatSphereTelemetry
{
    public const string Name = "ChatSphere";

    public static readonly ActivitySource Source = new(Name);

    /// <summary>Span names: a chat turn and its steps, then an ingestion job and its steps.</summary>
    public static class Spans
    {
        /// <summary>A chat turn, from the request's arrival (when the channel knows it) to the stored answer.</summary>
        public const string Turn = "chat.turn";

        /// <summary>Before the turn began: routing, authentication and the channel's own checks.</summary>
        public const string Auth = "chat.auth";

        /// <summary>Opening (or starting) the conversation and storing the question.</summary>
        public const string Load = "chat.load";

        /// <summary>The model's prompt: house rules, the owner's instructions, the history within its token budget, the passages.</summary>
        public const string History = "chat.history";
        public const string Retrieval = "chat.retrieval";
        public const string Embed = "retrieval.embed";
        public const string Search = "retrieval.search";
        public const string Model = "chat.model";
        public const string Save = "chat.save";

        /// <summary>An event on the <see cref="Model"/> span when the first token arrives.</summary>
        public const string FirstToken = "first_token";

        public const string Ingest = "ingest.document";
        public const string Extract = "ingest.extract";
        public const string Chunk = "ingest.chunk";
        public const string EmbedChunks = "ingest.embed";
        public const string SaveChunks = "ingest.save";

        /// <summary>A bot's chunks embedded again with the model its owner chose (ReembedBotJob).</summary>
        public const string Reembed = "ingest.reembed";
    }

    /// <summary>Tag names shared by spans and metrics.</summary>
    public static class Tags
    {
        public const string BotId = "chatsphere.bot.id";
        public const string Channel = "chatsphere.channel";
        public const string Mode = "chatsphere.mode";
        public const string Outcome = "chatsphere.outcome";
        public const string Leg = "chatsphere.retrieval.leg";
        public const string SearchMode = "chatsphere.retrieval.mode";
        public const string Results = "chatsphere.retrieval.results";
        public const string VectorRows = "chatsphere.retrieval.vector.rows";
        public const string TextRows = "chatsphere.retrieval.text.rows";
        public const string ExactSearch = "chatsphere.retrieval.exact";
        public const string DocumentId = "chatsphere.document.id";
        public const string Reason = "chatsphere.reason";

        /// <summary>The ingestion step a document failed in: one of the ingest.* span names.</summary>
        public const string Step = "chatsphere.ingestion.step";
        public const string TokenType = "gen_ai.token.type";
    }
}
