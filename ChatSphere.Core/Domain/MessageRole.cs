namespace ChatSphere.Core.Domain;

public enum MessageRole
{
    User,
    Assistant,
}
