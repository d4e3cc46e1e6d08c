using System.Collections.Concurrent;
using EServices.Tests.Infrastructure;
using EServices.Web.Payments;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EServices.Tests.Features.Payments;

/// <summary>The portal with a provider whose answers each test writes (<see cref="Provider"/>): the reconciliation report
/// asks it about every attempt of the day, as it would ask CinetPay.</summary>
public sealed class PaymentsHost : HostFixture
{
    public ScriptedProvider Provider { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IPaymentProvider>(Provider));
        });
    }
}

[CollectionDefinition(Name)]
public sealed class PaymentsCollection : ICollectionFixture<PaymentsHost>
{
    public const string Name = "payments";
}

/// <summary>A provider named like CinetPay that opens nothing and answers checks as told (pending when not told).</summary>
public sealed class ScriptedProvider : IPaymentProvider
{
    private readonly ConcurrentDictionary<string, PaymentCheck> _answers = new();

    public string Name => "cinetpay";

    public void Answer(string transactionId, PaymentCheck check) => _answers[transactionId] = check;

    public Task<Checkout> OpenAsync(CheckoutOrder order, CancellationToken ct) => Task.FromResult(Checkout.Refused("injoignable"));

    public Task<PaymentCheck> CheckAsync(string transactionId, CancellationToken ct) =>
        Task.FromResult(_answers.GetValueOrDefault(transactionId) ?? new PaymentCheck(CheckVerdict.Pending, "662 WAITING_CUSTOMER_PAYMENT"));
}
