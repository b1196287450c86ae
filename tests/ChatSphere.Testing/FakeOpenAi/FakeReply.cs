namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>What the fake answers to one chat completion request. Build one with the factory methods.</summary>
public abstract record FakeReply
{
    /// <summary>
    /// A text answer. Streamed word by word; <paramref name="firstTokenDelay"/> passes before the first word and
    /// <paramref name="perTokenDelay"/> between words (without streaming, their sum passes before the response).
    /// </summary>
    public static FakeReply Text(string text, TimeSpan? firstTokenDelay = null, TimeSpan? perTokenDelay = null) =>
        new FakeTextReply(text, firstTokenDelay ?? TimeSpan.Zero, perTokenDelay ?? TimeSpan.Zero);

    /// <summary>
    /// A model-like answer for load tests: <paramref name="tokens"/> one-word chunks, the first after
    /// <paramref name="firstTokenDelay"/> and then one every <paramref name="perTokenDelay"/>, with usage. All paced
    /// streams share one timer loop, so the fake holds thousands at once cheaply, and each records when it actually
    /// sent its first and last token (<see cref="FakeOpenAiServer.PacedStreams"/>, matched by <paramref name="tag"/>).
    /// Without streaming the whole schedule passes before the response, like <see cref="Text"/>.
    /// </summary>
    public static FakeReply Paced(int tokens, TimeSpan firstTokenDelay, TimeSpan perTokenDelay, string? tag = null) =>
        new FakePacedReply(tokens, firstTokenDelay, perTokenDelay, tag);

    /// <summary>One function tool call, finish reason <c>tool_calls</c>.</summary>
    public static FakeReply ToolCall(string name, string argumentsJson) => ToolCalls(new FakeToolCall(name, argumentsJson));

    /// <summary>Several function tool calls in one assistant message (parallel tool calls).</summary>
    public static FakeReply ToolCalls(params FakeToolCall[] calls) => new FakeToolCallReply(calls);

    /// <summary>An HTTP error in OpenAI's error JSON; <paramref name="retryAfter"/> sets the <c>Retry-After</c> header (whole seconds).</summary>
    public static FakeReply Error(int status, string code, string message, TimeSpan? retryAfter = null) =>
        new FakeErrorReply(status, code, message, retryAfter);

    /// <summary>
    /// Streams <paramref name="partialText"/> and then never finishes, until the client disconnects.
    /// Without streaming it sends nothing at all, like <see cref="Hang"/>.
    /// </summary>
    public static FakeReply Stall(string partialText) => new FakeStallReply(partialText);

    /// <summary>Sends no status line and no headers until the client gives up.</summary>
    public static FakeReply Hang() => new FakeHangReply();

    /// <summary>200 with a body that is no JSON and no event stream (an HTML error page from a proxy), streamed or not.</summary>
    public static FakeReply NotJson(string body = "<html><body><h1>502 Bad Gateway</h1></body></html>") => new FakeBrokenReply(FakeBreak.NotJson, body);

    /// <summary>Streams <paramref name="partialText"/>, then a <c>data:</c> line that is not JSON, then ends.</summary>
    public static FakeReply MalformedStream(string partialText) => new FakeBrokenReply(FakeBreak.MalformedLine, partialText);

    /// <summary>Streams <paramref name="partialText"/> and ends the response cleanly, with no finish reason and no <c>[DONE]</c>.</summary>
    public static FakeReply Truncated(string partialText) => new FakeBrokenReply(FakeBreak.Truncated, partialText);
}
