namespace ChatSphere.Core.Domain;

public enum ConversationChannel
{
    Web,
    Api,
    Widget,
    OpenAi,
}
