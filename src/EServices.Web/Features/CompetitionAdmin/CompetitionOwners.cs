namespace EServices.Web.Features.CompetitionAdmin;

/// <summary>Who runs the competitions (<see cref="AuthorizationPolicies.CompetitionAdmin"/>): the administrators, and the
/// heads of the service that owns the registration procedure (AGRE), as in the back-office a head of service acts on their
/// own service's requests only.</summary>
public sealed class CompetitionOwners(AppDbContext db) : AuthorizationHandler<CompetitionOwners.Requirement>
{
    /// <summary>The procedure whose requests the applications are; a session is attached to it.</summary>
    public const string ProcedureSlug = "inscription-concours-direct";

    public sealed class Requirement : IAuthorizationRequirement;

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
    {
        if (context.User.IsInRole(Roles.Admin))
        {
            context.Succeed(requirement);
            return;
        }

        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is not null && context.User.IsInRole(Roles.Supervisor)
            && await db.ServiceMembers.AnyAsync(m => m.UserId == userId && db.Procedures.Any(p => p.Slug == ProcedureSlug && p.ServiceId == m.ServiceId)))
        {
            context.Succeed(requirement);
        }
    }
}
