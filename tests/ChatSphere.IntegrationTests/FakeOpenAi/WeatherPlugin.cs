using System.Collections.Concurrent;
using System.ComponentModel;
using Microsoft.SemanticKernel;

namespace ChatSphere.IntegrationTests.FakeOpenAi;

/// <summary>A plugin whose calls the tests can see.</summary>
public sealed class WeatherPlugin
{
    public ConcurrentQueue<string> Calls { get; } = new();

    [KernelFunction("get_forecast")]
    [Description("Gets the weather forecast for a city.")]
    public string GetForecast([Description("The city")] string city, [Description("How many days")] int days)
    {
        Calls.Enqueue($"{city}/{days}");
        return $"Sunny in {city} for the next {days} days.";
    }
}
