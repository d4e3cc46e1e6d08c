using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;

namespace EServices.Web.Features.Accounts;

/// <summary>Identity's RequireUniqueEmail, for accounts that may have no address (made by phone): an address, when there
/// is one, is valid and no other account's.</summary>
public sealed class OptionalEmailValidator(IdentityErrorDescriber describer) : IUserValidator<ApplicationUser>
{
    public async Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user)
    {
        if (user.Email is not { } email)
        {
            return IdentityResult.Success;
        }

        if (!new EmailAddressAttribute().IsValid(email))
        {
            return IdentityResult.Failed(describer.InvalidEmail(email));
        }

        var owner = await manager.FindByEmailAsync(email);
        return owner is not null && owner.Id != user.Id ? IdentityResult.Failed(describer.DuplicateEmail(email)) : IdentityResult.Success;
    }
}
