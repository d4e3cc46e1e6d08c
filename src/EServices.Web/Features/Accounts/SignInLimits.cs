using EServices.Web.Infrastructure.Sms;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace EServices.Web.Features.Accounts;

/// <summary>How many sign-in and password-reset attempts a minute are let through, per client address and per account.</summary>
public sealed class SignInLimitsOptions
{
    public const string Section = "SignInLimits";

    /// <summary>Generous: mobile operators put many subscribers behind one address.</summary>
    public int PerIpPerMinute { get; set; } = 20;

    /// <summary>Above the lockout (5 failures), so that a locked-out user reads why rather than a "too many attempts" page.</summary>
    public int PerAccountPerMinute { get; set; } = 10;
}

/// <summary>Marks a POST of the sign-in pages as limited; <see cref="AccountField"/> names the form field that holds the
/// account (the e-mail typed, or the user id of a reset link), or is null when only the client address counts.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SignInLimitedAttribute(string? accountField = null) : Attribute
{
    public string? AccountField => accountField;

    /// <summary>Pages with the same name share each account's permits (sign-in and reset do); sign-up counts apart.</summary>
    public string Counter { get; init; } = "";
}

/// <summary>ASP.NET Core's rate limiter on the sign-in pages: refused attempts get 429, the French error page and Retry-After.</summary>
public static class SignInLimits
{
    private const string AccountKey = "SignInLimits.Account";

    public static IServiceCollection AddSignInLimits(this IServiceCollection services)
    {
        services.AddOptions<SignInLimitsOptions>().BindConfiguration(SignInLimitsOptions.Section)
            .Validate(o => o.PerIpPerMinute > 0 && o.PerAccountPerMinute > 0, "SignInLimits must be positive").ValidateOnStart();
        services.AddOptions<PhoneCodeLimitsOptions>().BindConfiguration(PhoneCodeLimitsOptions.Section)
            .Validate(o => o.PerNumberPerQuarterHour > 0 && o.PerNumberPerDay > 0 && o.PerAddressPerHour > 0, "PhoneCodes limits must be positive").ValidateOnStart();
        services.AddScoped<PhoneCodes>();
        services.AddScoped<SecuritySms>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInLimitsOptions>>((o, limits) =>
        {
            var perIp = limits.Value.PerIpPerMinute;
            var perAccount = limits.Value.PerAccountPerMinute;
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => Limited(http) is null
                    ? RateLimitPartition.GetNoLimiter("")
                    : PerMinute("ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "?"), perIp)),
                // Limited() again: the error page re-executed after a refusal runs in the same HttpContext, Items included.
                PartitionedRateLimiter.Create<HttpContext, string>(http => Limited(http) is not null && http.Items[AccountKey] is string account
                    ? PerMinute("account:" + account, perAccount)
                    : RateLimitPartition.GetNoLimiter("")));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                // No body: the status code pages show the French "Trop de tentatives" page.
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }

    /// <summary>After routing: reads the account typed in a limited form, then applies the limits.</summary>
    public static IApplicationBuilder UseSignInLimits(this IApplicationBuilder app)
    {
        app.Use(async (http, next) =>
        {
            if (Limited(http) is { AccountField: { } field } limited && http.Request.HasFormContentType)
            {
                if (await http.Request.ReadFormOrNullAsync() is not { } form)
                {
                    http.Response.StatusCode = StatusCodes.Status400BadRequest; // the French 400 page, not a 500
                    return;
                }

                // Every form of one number (+226…, 00226…, dots, spaces) counts as that number.
                var typed = form[field].ToString();
                var account = FieldRules.TryPhone(typed, out var phone) ? phone : typed.Trim().ToUpperInvariant();
                if (account.Length > 0)
                {
                    http.Items[AccountKey] = limited.Counter + account;
                }
            }

            await next(http);
        });
        return app.UseRateLimiter();
    }

    private static SignInLimitedAttribute? Limited(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) ? http.GetEndpoint()?.Metadata.GetMetadata<SignInLimitedAttribute>() : null;

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });
}
