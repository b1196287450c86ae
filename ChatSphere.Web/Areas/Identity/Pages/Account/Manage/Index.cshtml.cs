using System.ComponentModel.DataAnnotations;
using ChatSphere.Core.Data;
using ChatSphere.Core.Domain;
using ChatSphere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace ChatSphere.Web.Areas.Identity.Pages.Account.Manage;

/// <summary>Replaces Identity's phone-number page with the owner's profile: display name, avatar and time zone.</summary>
public sealed class ProfileModel(AppDbContext db, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [TempData]
    public string? StatusMessage { get; set; }

    public string Email { get; private set; } = "";

    public bool HasAvatar { get; private set; }

    public IEnumerable<SelectListItem> TimeZones =>
        TimeZoneInfo.GetSystemTimeZones()
            .Select(z => z.Id)
            .Append("UTC")
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(id => new SelectListItem(id, id));

    public async Task<IActionResult> OnGetAsync()
    {
        var profile = await LoadAsync();
        Input = new InputModel { DisplayName = profile.DisplayName, TimeZone = profile.TimeZone };
        return Page();
    }

    public async Task<IActionResult> OnGetAvatarAsync()
    {
        var profile = await LoadAsync();
        return profile.Avatar is null ? NotFound() : File(profile.Avatar, profile.AvatarContentType ?? "application/octet-stream");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var profile = await LoadAsync();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(Input.TimeZone, out _))
        {
            ModelState.AddModelError("Input.TimeZone", "Choose a time zone from the list.");
        }

        byte[]? avatar = null;
        string? avatarType = null;
        if (Input.Avatar is { Length: > 0 } upload)
        {
            (avatar, avatarType, var error) = await ImageUpload.ReadAsync(upload, UserProfile.MaxAvatarBytes);
            if (error is not null)
            {
                ModelState.AddModelError("Input.Avatar", error);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        profile.DisplayName = Input.DisplayName.Trim();
        profile.TimeZone = Input.TimeZone;
        if (avatar is not null)
        {
            (profile.Avatar, profile.AvatarContentType) = (avatar, avatarType);
        }
        else if (Input.RemoveAvatar)
        {
            (profile.Avatar, profile.AvatarContentType) = (null, null);
        }

        profile.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync();
        StatusMessage = "Your profile has been updated.";
        return RedirectToPage();
    }

    private async Task<UserProfile> LoadAsync()
    {
        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("Signed-in user not found.");
        Email = user.Email ?? "";
        var profile = await db.UserProfiles.FirstOrDefaultAsync(p => p.UserId == user.Id);
        if (profile is null)
        {
            profile = new UserProfile { UserId = user.Id, DisplayName = Email.Split('@')[0] };
            db.UserProfiles.Add(profile);
        }

        HasAvatar = profile.Avatar is not null;
        return profile;
    }

    public sealed class InputModel
    {
        [Required]
        [StringLength(100)]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";

        [Required]
        [Display(Name = "Time zone")]
        public string TimeZone { get; set; } = "UTC";

        [Display(Name = "Avatar (PNG, JPEG, GIF or WebP, up to 512 KB)")]
        public IFormFile? Avatar { get; set; }

        [Display(Name = "Remove the avatar")]
        public bool RemoveAvatar { get; set; }
    }
}
