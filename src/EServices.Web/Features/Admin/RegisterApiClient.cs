using System.Security.Cryptography;
using EServices.Web.Infrastructure.Audit;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace EServices.Web.Features.Admin;

/// <summary>
/// Registers another system for one service: its OpenIddict application (the secret hashed by OpenIddict), the account
/// its moves are made and journaled under (no password, no address, no phone: it cannot sign in), and the
/// <see cref="ApiClient"/> that ties them to the service, all in one transaction with the journal's entry.
/// </summary>
public static class RegisterApiClient
{
    public sealed class Handler(
        AppDbContext db, UserManager<ApplicationUser> users, IOpenIddictApplicationManager applications, IValidator<ApiClientForm> validator, AuditLog audit, TimeProvider clock)
    {
        public async Task<(ValidationResult Result, ApiClientSecretPage? Secret)> HandleAsync(ApiClientForm form, string? adminId, CancellationToken ct)
        {
            var result = await validator.ValidateAsync(form, ct);
            var service = form.ServiceId is { } id ? await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) : null;
            if (result.IsValid && service is null)
            {
                result.Errors.Add(new ValidationFailure(nameof(form.ServiceId), "Choisissez un service de la liste."));
            }

            var name = form.Name?.Trim() ?? "";
            if (result.IsValid && (await db.ApiClients.Select(c => c.Name).ToListAsync(ct)).Any(n => string.Equals(n, name, StringComparison.CurrentCultureIgnoreCase)))
            {
                result.Errors.Add(new ValidationFailure(nameof(form.Name), "Un client porte déjà ce nom : le journal doit les distinguer."));
            }

            if (!result.IsValid)
            {
                return (result, null);
            }

            var clientId = $"{service!.Code.ToLowerInvariant()}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}";
            var secret = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            var now = clock.GetUtcNow();
            var account = new ApplicationUser
            {
                UserName = $"client-api.{clientId}", FirstNames = "Client API", LastName = name, CreatedAt = now,
                LockoutEnabled = true, LockoutEnd = DateTimeOffset.MaxValue,
            };
            var client = new ApiClient { ClientId = clientId, Name = name, ServiceId = service.Id, MayDecide = form.MayDecide, AccountId = account.Id, CreatedAt = now, CreatedById = adminId };

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var created = await users.CreateAsync(account);
            if (!created.Succeeded)
            {
                return (new ValidationResult([new ValidationFailure(nameof(form.Name), created.Errors.First().Description)]), null);
            }

            var descriptor = new OpenIddictApplicationDescriptor
            {
                ClientId = clientId,
                ClientSecret = secret,
                ClientType = ClientTypes.Confidential,
                DisplayName = name,
                Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
            };
            descriptor.Permissions.UnionWith(client.Scopes.Select(s => Permissions.Prefixes.Scope + s));
            await applications.CreateAsync(descriptor, ct);
            db.ApiClients.Add(client);
            audit.Record(adminId, $"Client API enregistré pour {service.Code} ({string.Join(", ", client.Scopes)})", AuditTargets.ApiClient, clientId, name);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return (result, new ApiClientSecretPage(name, service.Code, clientId, secret, client.Scopes));
        }
    }
}
