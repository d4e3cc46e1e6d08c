using EServices.Web.Infrastructure;
using System.Text.RegularExpressions;
using EServices.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EServices.Tests.Security;

/// <summary>Who an endpoint is meant for, from the weakest to the strongest requirement.</summary>
public enum Access
{
    /// <summary>[AllowAnonymous]: anyone.</summary>
    Public,

    /// <summary>Any signed-in user: the global authorization filter. The draft pages: applicants, and staff filing test requests.</summary>
    SignedIn,

    /// <summary><see cref="AuthorizationPolicies.Applicant"/>: signed-in applicants, not staff.</summary>
    Applicant,

    /// <summary><see cref="AuthorizationPolicies.BackOffice"/>: agents, heads of service and administrators.</summary>
    BackOffice,

    /// <summary><see cref="AuthorizationPolicies.Supervisor"/>: heads of service and administrators.</summary>
    Supervisor,

    /// <summary><see cref="AuthorizationPolicies.Admin"/>: administrators only.</summary>
    Admin,

    /// <summary><see cref="AuthorizationPolicies.Cashier"/>: cashiers only (the counter page).</summary>
    Cashier,

    /// <summary><see cref="AuthorizationPolicies.Counter"/>: clerks only (filing for citizens at a counter).</summary>
    Counter,

    /// <summary>The SMS gateway's callbacks (Features/Sms): [AllowAnonymous], as Kannel has no session, but it proves itself
    /// with a signature or the shared secret that no user holds: every user is refused (401).</summary>
    Gateway,

    /// <summary>The API (/api/v1): a bearer token of a registered client (Infrastructure/Api). Every user's session is
    /// refused (401): no cookie opens it.</summary>
    ApiClient,
}

/// <summary>One route and method of the running application, with the access its metadata declares.</summary>
public sealed record AppEndpoint(string Method, string Template, Access Access, bool IgnoresAntiforgery)
{
    public override string ToString() => $"{Method} {Template}";

    public bool Allows(Who who) => Access switch
    {
        Access.Public => true,
        Access.SignedIn => who != Who.Anonymous,
        Access.Applicant => who == Who.Citizen,
        Access.BackOffice => who is Who.Agent or Who.Supervisor or Who.Admin,
        Access.Supervisor => who is Who.Supervisor or Who.Admin,
        Access.Gateway or Access.ApiClient => false,
        Access.Cashier => who == Who.Cashier,
        Access.Counter => who == Who.Clerk,
        _ => who == Who.Admin,
    };

    /// <summary>The address with each route parameter filled with a real value of <paramref name="world"/>.</summary>
    public string Url(AccessWorld world) =>
        Regex.Replace(Template, @"\{(?<name>[^}:?=]+)[^}]*\}", m => Value(m.Groups["name"].Value, world));

    private string Value(string name, AccessWorld w) => name switch
    {
        "number" or "numero" => w.Number,
        "slug" => "attestation-de-travail",
        "index" or "step" => "1",
        "key" => "matricule",
        "document" => "attestation",
        "code" => w.ReceiptCode,
        "status" => "404",
        "kind" => "R", // a QR code's signed address, here unsigned: the page says "Code altéré"
        "date" => "20270326",
        "holder" => "A3.O9",
        "signature" => "AAAA",
        "centre" => "0", // none: the administrator gets 404
        "serviceId" => w.ServiceId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "id" => Id(w),
        "attachment" => w.AttachmentId.ToString(),
        _ => throw new InvalidOperationException($"{this}: no plausible value for {{{name}}}; add one in {nameof(AppEndpoints)}."),
    };

    private string Id(AccessWorld w) => Template switch
    {
        _ when Template.StartsWith("/brouillons/", StringComparison.Ordinal) => w.DraftId.ToString(),
        _ when Template.StartsWith("/mes-donnees/brouillons/", StringComparison.Ordinal) => w.DraftId.ToString(),
        _ when Template.StartsWith("/guichet/brouillons/", StringComparison.Ordinal) => w.DraftId.ToString(), // the citizen's own: the clerk gets 404
        _ when Template.StartsWith("/candidatures/", StringComparison.Ordinal) => w.DraftId.ToString(), // no application: not found
        _ when Template.StartsWith("/avis/", StringComparison.Ordinal) => Guid.Empty.ToString(), // no such opinion: « lien inconnu ou expiré »
        _ when Template.StartsWith("/back-office/avis/", StringComparison.Ordinal) => Guid.Empty.ToString(), // none: not found
        _ when Template.Contains("/pieces/", StringComparison.Ordinal) => w.AttachmentId.ToString(),
        _ when Template.StartsWith("/back-office/documents/", StringComparison.Ordinal) => w.ReceiptId.ToString(),
        _ when Template.StartsWith("/api/v1/documents/", StringComparison.Ordinal) => w.ReceiptId.ToString(),
        _ when Template.StartsWith("/admin/demarches/", StringComparison.Ordinal) => $"{w.ProcedureId}",
        _ when Template.Contains("/groupes/", StringComparison.Ordinal) => $"{w.GroupId}",
        _ when Template.StartsWith("/back-office/etiquettes/", StringComparison.Ordinal) => $"{w.LabelId}",
        _ when Template.StartsWith("/admin/services/", StringComparison.Ordinal) => $"{w.ServiceId}",
        _ when Template.StartsWith("/admin/categories/", StringComparison.Ordinal) => $"{w.CategoryId}",
        _ when Template.StartsWith("/admin/agents/", StringComparison.Ordinal) => w.StaffId,
        _ when Template.StartsWith("/admin/concours/", StringComparison.Ordinal) => "0", // none: the administrator gets 404
        _ when Template.StartsWith("/admin/paiements/", StringComparison.Ordinal) => Guid.Empty.ToString(), // none: the administrator gets 404
        _ when Template.StartsWith("/admin/clients-api/", StringComparison.Ordinal) => "0", // none: the administrator gets 404
        _ => throw new InvalidOperationException($"{this}: which record is {{id}}? Add it in {nameof(AppEndpoints)}."),
    };
}

/// <summary>Every endpoint of the application, read from its <see cref="EndpointDataSource"/>, so a new route is checked
/// the day it is added.</summary>
public static class AppEndpoints
{
    private static readonly Dictionary<string, Access> Policies = new()
    {
        [AuthorizationPolicies.Applicant] = Access.Applicant,
        [AuthorizationPolicies.BackOffice] = Access.BackOffice,
        [AuthorizationPolicies.Supervisor] = Access.Supervisor,
        [AuthorizationPolicies.Admin] = Access.Admin,
        [AuthorizationPolicies.Cashier] = Access.Cashier,
        [AuthorizationPolicies.Counter] = Access.Counter,

        // Administrators and the heads of AGRE: the world's head of service is DGFP's, refused there like an agent.
        [AuthorizationPolicies.CompetitionAdmin] = Access.Admin,

        [EServices.Web.Infrastructure.Api.ApiPolicies.Read] = Access.ApiClient,
        [EServices.Web.Infrastructure.Api.ApiPolicies.Decide] = Access.ApiClient,
    };

    public static IReadOnlyList<AppEndpoint> All(HostFixture host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e =>
            {
                var template = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
                // No method metadata means every method: the error page (re-executed for failed POSTs too) and /health.
                var methods = e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get, HttpMethods.Post];
                var ignores = e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.IgnoreAntiforgeryTokenAttribute>() is not null;
                return methods.Select(m => new AppEndpoint(m, template, AccessOf(e, template), ignores));
            })
            .Distinct()
            .OrderBy(e => e.Template, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>[AllowAnonymous] wins; otherwise the strictest policy named on the controller or the action.</summary>
    private static Access AccessOf(Endpoint endpoint, string template)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return template.StartsWith("/sms/", StringComparison.Ordinal) ? Access.Gateway : Access.Public;
        }

        return endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>()
            .Select(a => a.Policy is null ? Access.SignedIn
                : Policies.TryGetValue(a.Policy, out var access) ? access
                : throw new InvalidOperationException($"{template}: unknown policy \"{a.Policy}\"; say in {nameof(AppEndpoints)} who it lets in."))
            .Append(Access.SignedIn)
            .Max();
    }
}
