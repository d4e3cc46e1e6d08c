using FluentValidation;

namespace EServices.Web.Features.Admin;

public sealed class ServiceForm
{
    public string? Name { get; set; }
    public string? Code { get; set; }
    public string? NumberPrefix { get; set; }
    public string? SignatoryName { get; set; }
    public string? SignatoryTitle { get; set; }
}

public sealed class ServiceFormValidator : AbstractValidator<ServiceForm>
{
    public ServiceFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Saisissez le nom du service.").MaximumLength(200).WithMessage("200 caractères au plus.");
        RuleFor(f => f.Code).NotEmpty().WithMessage("Saisissez le sigle du service (ex. DGFP).")
            .Matches("^[A-Z]{2,10}$").WithMessage("Le sigle s'écrit en 2 à 10 lettres majuscules sans accent (ex. DGFP).");
        RuleFor(f => f.NumberPrefix).NotEmpty().WithMessage("Saisissez le préfixe des numéros de suivi (ex. FP).")
            .Matches("^[A-Z]{2,4}$").WithMessage("Le préfixe s'écrit en 2 à 4 lettres majuscules sans accent (ex. FP).");
        RuleFor(f => f.SignatoryName).NotEmpty().WithMessage("Saisissez le nom du signataire des documents.").MaximumLength(150).WithMessage("150 caractères au plus.");
        RuleFor(f => f.SignatoryTitle).NotEmpty().WithMessage("Saisissez le titre du signataire (ex. Le Directeur général de la fonction publique).").MaximumLength(150).WithMessage("150 caractères au plus.");
    }
}

public sealed class CategoryForm
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public string? Description { get; set; }
    public int Position { get; set; }
}

public sealed class CategoryFormValidator : AbstractValidator<CategoryForm>
{
    public CategoryFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Saisissez le nom de la catégorie.").MaximumLength(100).WithMessage("100 caractères au plus.");
        RuleFor(f => f.Slug).NotEmpty().WithMessage("Saisissez l'identifiant utilisé dans les adresses (ex. carriere).")
            .Matches("^[a-z0-9]+(-[a-z0-9]+)*$").WithMessage("L'identifiant s'écrit en minuscules sans accent, chiffres et tirets (ex. travail-emploi).")
            .MaximumLength(60).WithMessage("60 caractères au plus.");
        RuleFor(f => f.Description).MaximumLength(300).WithMessage("300 caractères au plus.");
        RuleFor(f => f.Position).InclusiveBetween(0, 999).WithMessage("L'ordre d'affichage est un nombre entre 0 et 999.");
    }
}

public sealed class StaffForm
{
    public string? Email { get; set; }
    public string? FirstNames { get; set; }
    public string? LastName { get; set; }
    public string? Role { get; set; }
    public int[] Services { get; set; } = [];

    /// <summary>Groups of the agent's services; a group of a service that is unticked is dropped.</summary>
    public int[] Groups { get; set; } = [];
}

public sealed class StaffFormValidator : AbstractValidator<StaffForm>
{
    public StaffFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Saisissez l'adresse e-mail professionnelle de l'agent.")
            .EmailAddress().WithMessage("Saisissez une adresse e-mail valide (ex. nom@fonctionpublique.gov.bf).");
        RuleFor(f => f.FirstNames).PersonName("Saisissez les prénoms.", 100, "Les prénoms contiennent des caractères non autorisés.");
        RuleFor(f => f.LastName).PersonName("Saisissez le nom.", 60, "Le nom contient des caractères non autorisés.");
        RuleFor(f => f.Role).Must(r => r is not null && Roles.All.Contains(r)).WithMessage("Choisissez le rôle de l'agent.");
        // An administrator sees every service; a cashier sees none (the counter finds a draft by its code, whatever its service).
        RuleFor(f => f.Services).NotEmpty().When(f => f.Role is not (Roles.Admin or Roles.Cashier or Roles.Clerk)).WithMessage("Cochez au moins un service : l'agent ne voit que les demandes de ses services.");
    }
}
