namespace ChatSphere.Core.Domain;

public enum MessageFeedback
{
    Down = -1,
    Up = 1,
}
