namespace ChatSphere.Testing.FakeOpenAi;

/// <summary>
/// Token counts as OpenAI's rule of thumb has them: about four characters a token. The usage the fake reports, so a test
/// can add up what a client was told.
/// </summary>
public static class TokenEstimate
{
    public static int Of(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    public static int Prompt(FakeChatRequest request) =>
        request.Messages.Sum(m => Of(m.Content) + m.ToolCalls.Sum(c => Of(c.Name) + Of(c.ArgumentsJson)));

    public static int Completion(IEnumerable<FakeToolCall> calls) => calls.Sum(c => Of(c.Name) + Of(c.ArgumentsJson));
}
