using ChatSphere.Core.Domain;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace ChatSphere.Web.Auth;

public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/auth").WithTags("Auth");
        group.MapPost("/token", CreateTokenAsync)
            .AllowAnonymous()
            .WithBodyLimit(BodyLimits.Credentials)
            .WithSummary("Exchange an email and password for a bearer token (JWT).")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> CreateTokenAsync(
        TokenRequest request,
        UserManager<AppUser> users,
        SignInManager<AppUser> signIn,
        TokenService tokens)
    {
        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email);
        if (user is null || string.IsNullOrEmpty(request.Password))
        {
            return InvalidCredentials();
        }

        // Failed API sign-ins count towards the same lockout as the login page.
        var result = await signIn.CheckPasswordSignInAsync(user, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(
                "This account is locked after too many failed sign-ins. Try again in a few minutes.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Account locked");
        }

        if (!result.Succeeded)
        {
            return InvalidCredentials();
        }

        var (token, expiresAt) = await tokens.CreateAsync(user);
        return TypedResults.Ok(new TokenResponse(token, expiresAt));
    }

    private static ProblemHttpResult InvalidCredentials() => TypedResults.Problem(
        "The email or password is not correct.", statusCode: StatusCodes.Status401Unauthorized, title: "Invalid credentials");
}

public sealed record TokenRequest(string? Email, string? Password);

public sealed record TokenResponse(string AccessToken, DateTimeOffset ExpiresAt);
