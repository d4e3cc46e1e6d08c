using FluentValidation;

namespace EServices.Web.Features.Admin;

public sealed class ApiClientForm
{
    public string? Name { get; set; }
    public int? ServiceId { get; set; }
    public bool MayDecide { get; set; }
}

public sealed class ApiClientFormValidator : AbstractValidator<ApiClientForm>
{
    public ApiClientFormValidator()
    {
        RuleFor(f => f.Name).PersonName("Saisissez le nom du système client (ex. SIGASPE — DRH).", 120, "Le nom contient des caractères non autorisés.");
        RuleFor(f => f.ServiceId).NotNull().WithMessage("Choisissez le service dont le client verra les demandes.");
    }
}

public sealed record ApiClientLine(int Id, string Name, string ServiceCode, string ClientId, bool MayDecide, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

public sealed record ApiClientEditPage(ApiClientForm Form, IReadOnlyList<(int Id, string Label)> Services);

/// <summary>What the administrator sees once, right after registering: the secret is stored hashed and never shown again.</summary>
public sealed record ApiClientSecretPage(string Name, string ServiceCode, string ClientId, string Secret, IReadOnlyList<string> Scopes);
