using ChatSphere.Agents.Models;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatSphere.UnitTests.Models;

/// <summary>The answer-length cap; model names need the database and the endpoint, and are tested in the integration tests.</summary>
public sealed class BotModelCheckTests
{
    [Theory]
    [InlineData(2000, true)]
    [InlineData(2001, false)]
    [InlineData(8000, false)]
    public async Task The_answer_length_is_held_to_the_configured_maximum(int tokens, bool accepted)
    {
        var errors = await Check(maxAnswerTokens: 2000).CheckAsync(new BotSettings { MaxAnswerTokens = tokens }, null, CancellationToken.None);

        Assert.Equal(accepted, errors.Count == 0);
        if (!accepted)
        {
            var error = Assert.Single(errors);
            Assert.Equal("The maximum answer length must be 50 to 2000 tokens.", error.ErrorMessage);
            Assert.Equal([nameof(BotSettings.MaxAnswerTokens)], error.MemberNames);
        }
    }

    [Fact]
    public async Task Beyond_the_bots_own_limit_only_its_own_error_is_given()
    {
        var settings = new BotSettings { MaxAnswerTokens = BotLimits.MaxAnswerTokens + 1 };
        Assert.Empty(await Check(maxAnswerTokens: 2000).CheckAsync(settings, null, CancellationToken.None));
        Assert.Single(settings.Validate(), e => e.MemberNames.Contains(nameof(BotSettings.MaxAnswerTokens)));
    }

    private static BotModelCheck Check(int maxAnswerTokens)
    {
        var options = Options.Create(new ModelOptions { ApiKey = "k", MaxAnswerTokens = maxAnswerTokens });
        // Never queried: no model is chosen in these settings.
        var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=unused").Options);
        var endpoint = new EndpointModels(_ => throw new InvalidOperationException("not asked"), TimeProvider.System, options, NullLogger<EndpointModels>.Instance);
        return new BotModelCheck(new ModelCatalog(db, endpoint, options), options);
    }
}
