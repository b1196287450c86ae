namespace ChatSphere.Core.Domain;

public enum WidgetPosition
{
    BottomRight,
    BottomLeft,
}
