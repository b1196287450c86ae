using System.Diagnostics;

namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// When a request reached the app, before routing and authentication: a chat turn's span starts there, so the time
/// spent before the handler (<c>chat.auth</c>) is part of the turn.
/// </summary>
public static class RequestArrival
{
    private const string Key = "chatsphere.requestArrival";

    /// <summary>Notes the arrival of every request; placed before routing.</summary>
    public static IApplicationBuilder UseRequestArrival(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Items[Key] = Stopwatch.GetTimestamp();
            return next(context);
        });

    /// <summary>The <see cref="Stopwatch"/> timestamp of the request's arrival; null when it was not noted.</summary>
    public static long? Of(HttpContext http) => http.Items[Key] is long arrived ? arrived : null;
}
