using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ChatSphere.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Detail { get; private set; } = "The error was logged. Please try again.";

    // The exception handler re-executes with no code, but with the status it chose (503 while the database is away).
    public void OnGet(int? code) => Describe(code ?? Response.StatusCode);

    public void OnPost(int? code) => Describe(code ?? Response.StatusCode);

    private void Describe(int? code)
    {
        (Title, Detail) = code switch
        {
            403 => ("Access denied", "Your account does not have permission to open this page."),
            404 => ("Not found", "There is nothing here, or it belongs to someone else."),
            503 => ("Temporarily unavailable", ChatSphere.Core.Data.DatabaseFailure.Detail),
            _ => (Title, Detail),
        };
    }
}
