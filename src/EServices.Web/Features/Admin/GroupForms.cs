using FluentValidation;

namespace EServices.Web.Features.Admin;

public sealed class GroupForm
{
    public string? Name { get; set; }
    public bool IsDefault { get; set; }
}

public sealed class GroupFormValidator : AbstractValidator<GroupForm>
{
    public GroupFormValidator() =>
        RuleFor(f => f.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Saisissez le nom du groupe (ex. Direction régionale du Centre).")
            .MaximumLength(150).WithMessage("150 caractères au plus.");
}

public sealed record GroupLine(int Id, string Name, bool IsDefault, int Members, int Requests);

public sealed record GroupProcedureLine(int Id, string Title, string? RoutingFieldKey);

public sealed record GroupListPage(int ServiceId, string ServiceCode, string ServiceName, IReadOnlyList<GroupLine> Groups, IReadOnlyList<GroupProcedureLine> Procedures);

public sealed record GroupEditPage(int ServiceId, string ServiceCode, int? Id, GroupForm Form);
