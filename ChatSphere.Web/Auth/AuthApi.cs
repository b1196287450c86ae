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
            .RequireRateLimiting(FailedSignInPolicy.Name)
            .WithSummary("Exchange an email and password (and a two-factor code, when the account has two-factor on) for a bearer token (JWT).")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return app;
    }

    public static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> CreateTokenAsync(
        TokenRequest request,
        HttpContext http,
        CredentialCheck credentials,
        FailedSignIns failures,
        UserManager<AppUser> users,
        SignInManager<AppUser> signIn,
        TokenService tokens)
    {
        // Unknown email, wrong password: one answer, after the same hash work (CredentialCheck).
        var user = string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password)
            ? null
            : await credentials.PasswordAsync(request.Email, request.Password);
        if (user is null)
        {
            failures.Record(http);
            return Unauthorized("Invalid credentials", "The email or password is not correct.");
        }

        // Only after the right password, so these answers tell nothing to someone guessing emails.
        if (AccountLock.IsDisabledByAdmin(user.LockoutEnd))
        {
            return Unauthorized("Account locked", "An administrator has locked this account.");
        }

        if (!await signIn.CanSignInAsync(user))
        {
            return Unauthorized("Sign-in not allowed", "This account may not sign in yet: it awaits confirmation or an administrator's approval.");
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            if (string.IsNullOrWhiteSpace(request.TwoFactorCode))
            {
                return Unauthorized("Two-factor code required",
                    "This account has two-factor sign-in on: send twoFactorCode, a code from your authenticator app or a recovery code.");
            }

            if (!await credentials.TwoFactorCodeAsync(user, request.TwoFactorCode))
            {
                failures.Record(http);
                return Unauthorized("Invalid two-factor code", "The two-factor code is not correct, or that recovery code was already used.");
            }
        }

        var (token, expiresAt) = await tokens.CreateAsync(user);
        return TypedResults.Ok(new TokenResponse(token, expiresAt));
    }

    private static ProblemHttpResult Unauthorized(string title, string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: title);
}
