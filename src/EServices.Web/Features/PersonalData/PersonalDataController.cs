using EServices.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EServices.Web.Features.PersonalData;

/// <summary>"Mes données": what the portal holds about the signed-in person, and a copy of it to download.</summary>
[Route("mes-donnees")]
public sealed class PersonalDataController(PersonalDataExport export, UserManager<ApplicationUser> users, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public IActionResult PersonalData() => View();

    [HttpGet("export.json")]
    public async Task<IActionResult> Download(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return File(await export.RunAsync(user, ct), "application/json", $"mes-donnees-{today:yyyy-MM-dd}.json");
    }
}
