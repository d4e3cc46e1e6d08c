using FluentValidation;

namespace EServices.Web.Features.Accounts;

public sealed class RegisterForm
{
    public string? FirstNames { get; set; }
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class RegisterFormValidator : AbstractValidator<RegisterForm>
{
    public RegisterFormValidator()
    {
        RuleFor(f => f.FirstNames).NotEmpty().WithMessage("Saisissez vos prénoms.").MaximumLength(100).WithMessage("100 caractères au plus.");
        RuleFor(f => f.LastName).NotEmpty().WithMessage("Saisissez votre nom.").MaximumLength(60).WithMessage("60 caractères au plus.");
        RuleFor(f => f.Email).NotEmpty().WithMessage("Saisissez votre adresse e-mail.")
            .Must(e => FieldRules.Check(new FormField { Key = "e", Type = FieldType.Email, Label = "E-mail" }, FieldRules.Normalize(FieldType.Email, e!), default) is null)
            .When(f => !string.IsNullOrWhiteSpace(f.Email), ApplyConditionTo.CurrentValidator)
            .WithMessage("Saisissez une adresse e-mail valide (ex. nom@exemple.bf).");
        RuleFor(f => f.Phone).NotEmpty().WithMessage("Saisissez votre numéro de téléphone.")
            .Must(p => FieldRules.TryPhone(p!, out _)).When(f => !string.IsNullOrWhiteSpace(f.Phone), ApplyConditionTo.CurrentValidator)
            .WithMessage("Saisissez un numéro du Burkina Faso : +226 suivi de 8 chiffres (ex. +226 70 12 34 56).");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Choisissez un mot de passe.")
            .MinimumLength(12).WithMessage("Le mot de passe doit contenir au moins 12 caractères.")
            .MaximumLength(128).WithMessage("Le mot de passe doit contenir au plus 128 caractères.");
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("Les deux mots de passe ne sont pas identiques.");
    }
}

public sealed class LoginForm
{
    public string? Email { get; set; }
    public string? Password { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class LoginFormValidator : AbstractValidator<LoginForm>
{
    public LoginFormValidator()
    {
        RuleFor(f => f.Email).NotEmpty().WithMessage("Saisissez votre adresse e-mail.");
        RuleFor(f => f.Password).NotEmpty().WithMessage("Saisissez votre mot de passe.");
    }
}

public sealed class ForgotPasswordForm
{
    public string? Email { get; set; }
}

public sealed class ForgotPasswordFormValidator : AbstractValidator<ForgotPasswordForm>
{
    public ForgotPasswordFormValidator() =>
        RuleFor(f => f.Email).NotEmpty().WithMessage("Saisissez l'adresse e-mail de votre compte.");
}

public sealed class ResetPasswordForm
{
    public string? UserId { get; set; }
    public string? Code { get; set; }
    public string? Password { get; set; }
    public string? ConfirmPassword { get; set; }
}

public sealed class ResetPasswordFormValidator : AbstractValidator<ResetPasswordForm>
{
    public ResetPasswordFormValidator()
    {
        RuleFor(f => f.Password).NotEmpty().WithMessage("Choisissez un nouveau mot de passe.")
            .MinimumLength(12).WithMessage("Le mot de passe doit contenir au moins 12 caractères.")
            .MaximumLength(128).WithMessage("Le mot de passe doit contenir au plus 128 caractères.");
        RuleFor(f => f.ConfirmPassword).Equal(f => f.Password).WithMessage("Les deux mots de passe ne sont pas identiques.");
    }
}

/// <summary>The activation link's token, posted back by « Activer mon compte » (mail scanners open links: only a POST creates).</summary>
public sealed class ActivateForm
{
    public string? Jeton { get; set; }

    /// <summary>Shown on the page only, read from the token.</summary>
    public string? Email { get; set; }
}
