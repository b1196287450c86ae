namespace ChatSphere.IntegrationTests.Infrastructure;

public static class Accounts
{
    public const string Password = "Test-Passw0rd!";

    public static string NewEmail(string who = "owner") => $"{who}-{Guid.NewGuid():N}@example.test";
}
