using ChatSphere.Agents.Chat;
using ChatSphere.Agents.Models;
using ChatSphere.Agents.Retrieval;
using ChatSphere.Core.Domain;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Services;

namespace ChatSphere.UnitTests.Chat;

public sealed class KernelServicesTests
{
    private static readonly KernelServices Services = new(new OpenAiClientFactory(Options.Create(new ModelOptions
    {
        ApiKey = "test-key",
        BaseUrl = "http://127.0.0.1:9/v1",
    })));

    [Fact]
    public void Each_kernel_talks_to_its_bots_model_and_carries_only_the_knowledge_plugin_for_its_turn()
    {
        var turn = new KnowledgeTurn(null!, new Bot { Name = "Zoo", OwnerId = "owner" }, new TurnSources());
        var kernel = Services.KernelFor("model-a", turn);
        var other = Services.KernelFor("model-b", new KnowledgeTurn(null!, new Bot { Name = "Shop", OwnerId = "owner" }, new TurnSources()));

        Assert.Equal("model-a", kernel.GetRequiredService<IChatCompletionService>().GetModelId());
        Assert.Equal("model-b", other.GetRequiredService<IChatCompletionService>().GetModelId());
        var plugin = Assert.Single(kernel.Plugins);
        Assert.Equal(KnowledgePlugin.Name, plugin.Name);
        Assert.Same(turn, KnowledgeTurn.Of(kernel));
        Assert.Throws<InvalidOperationException>(() => KnowledgeTurn.Of(new Kernel()));
    }

    [Fact]
    public void Past_the_cap_a_models_services_are_built_for_the_request_and_not_kept()
    {
        var services = new KernelServices(new OpenAiClientFactory(Options.Create(new ModelOptions { ApiKey = "k", BaseUrl = "http://127.0.0.1:9/v1" })));
        var turn = new KnowledgeTurn(null!, new Bot { Name = "Zoo", OwnerId = "owner" }, new TurnSources());
        for (var i = 0; i < KernelServices.MaxCachedModels + 8; i++)
        {
            var kernel = services.KernelFor($"owner-typed-{i}", turn);
            Assert.Equal($"owner-typed-{i}", kernel.GetRequiredService<IChatCompletionService>().GetModelId());
        }

        Assert.Equal(KernelServices.MaxCachedModels, services.CachedModels);
    }
}
