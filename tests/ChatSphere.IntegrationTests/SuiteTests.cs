using ChatSphere.IntegrationTests.Infrastructure;

namespace ChatSphere.IntegrationTests;

/// <summary>Rules of this suite that a new test class could break without noticing.</summary>
public sealed class SuiteTests
{
    [Fact]
    public void Every_class_that_drives_chromium_is_in_the_Browser_category()
    {
        // '--filter "Category!=Browser"' must leave out every browser test, and "Category=Browser" must find them all.
        var browserClasses = typeof(SuiteTests).Assembly.GetTypes()
            .Where(type => type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Chromium))))
            .ToList();

        Assert.NotEmpty(browserClasses);
        Assert.All(browserClasses, type => Assert.Contains(
            type.GetCustomAttributesData().Where(a => a.AttributeType == typeof(TraitAttribute)),
            trait => trait.ConstructorArguments is [{ Value: "Category" }, { Value: "Browser" }]));
    }
}
