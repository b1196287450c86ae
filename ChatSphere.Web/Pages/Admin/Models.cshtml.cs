using System.ComponentModel.DataAnnotations;
using ChatSphere.Agents.Models;
using ChatSphere.Core.Bots;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ChatSphere.Web.Pages.Admin;

/// <summary>
/// The Admin's allow-list of models: empty, owners choose from every model the endpoint lists; with entries, only from
/// those (and the configured defaults). Each entry says whether it chats or embeds, which the endpoint does not.
/// </summary>
public sealed class ModelsModel(AppDbContext db, EndpointModels endpoint, ModelCatalog catalog, IOptions<ModelOptions> options) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public ModelOptions Models => options.Value;

    public List<AllowedModel> Allowed { get; private set; } = [];

    /// <summary>The endpoint's list, null offline or when it has never answered.</summary>
    public IReadOnlyList<string>? Listed { get; private set; }

    public OfferedModels Offered { get; private set; } = new([], [], Offline: true);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var name = Input.Name.Trim();
        if (ModelState.IsValid && await db.AllowedModels.AnyAsync(m => m.Name == name))
        {
            ModelState.AddModelError("Input.Name", $"'{name}' is on the list already.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        db.AllowedModels.Add(new AllowedModel { Name = name, Kind = Input.Kind });
        await db.SaveChangesAsync();
        StatusMessage = $"Owners may now choose {name} as {(Input.Kind == ModelKind.Chat ? "a chat" : "an embedding")} model.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(string name)
    {
        if (await db.AllowedModels.Where(m => m.Name == name).ExecuteDeleteAsync() == 0)
        {
            return NotFound();
        }

        StatusMessage = $"Removed {name}. Bots that use it keep it until their owner changes it.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Allowed = await db.AllowedModels.AsNoTracking().OrderBy(m => m.Kind).ThenBy(m => m.Name).ToListAsync();
        Listed = Models.Mode == ModelMode.Offline ? null : await endpoint.GetAsync(HttpContext.RequestAborted);
        Offered = await catalog.GetAsync(HttpContext.RequestAborted);
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Give the model's id as the endpoint lists it.")]
        [StringLength(BotLimits.ModelIdMaxLength, ErrorMessage = "A model id can be at most {1} characters.")]
        [RegularExpression(@".*\S.*", ErrorMessage = "Give the model's id as the endpoint lists it.")]
        public string Name { get; set; } = "";

        [EnumDataType(typeof(ModelKind), ErrorMessage = "A model is for chat or for embeddings.")]
        public ModelKind Kind { get; set; } = ModelKind.Chat;
    }
}
