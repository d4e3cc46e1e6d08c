using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace EServices.Tests.Infrastructure;

/// <summary>The test server has no network: every request is made to come from <paramref name="address"/> (a proxy, say).</summary>
public sealed class EveryRequestFrom(string address) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, inner) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            return inner(context);
        });
        next(app);
    };
}
