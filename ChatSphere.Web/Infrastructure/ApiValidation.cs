using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Infrastructure;

/// <summary>
/// A validator's errors (keyed by property) as a validation problem keyed as the client wrote the JSON: the API's
/// naming policy and any [JsonPropertyName], read from the serializer's own contract for <typeparamref name="T"/>.
/// MVC's SystemTextJsonValidationMetadataProvider does the same; minimal APIs have no equivalent yet (aspnetcore #63290).
/// </summary>
public static class ApiValidation
{
    public static ValidationProblem Problem<T>(HttpContext http, IEnumerable<ValidationResult> errors)
    {
        var contract = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions.GetTypeInfo(typeof(T));
        var jsonNames = contract.Properties
            .Where(p => p.AttributeProvider is MemberInfo)
            .ToDictionary(p => ((MemberInfo)p.AttributeProvider!).Name, p => p.Name);
        return TypedResults.ValidationProblem(errors
            .SelectMany(e => e.MemberNames.DefaultIfEmpty("").Select(member => (Key: jsonNames.GetValueOrDefault(member, member), e.ErrorMessage)))
            .GroupBy(e => e.Key, e => e.ErrorMessage ?? "")
            .ToDictionary(g => g.Key, g => g.ToArray()));
    }
}
