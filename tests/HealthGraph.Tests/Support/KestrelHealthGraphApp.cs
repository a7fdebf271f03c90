using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGraph.Tests.Support;

/// <summary>
/// The real host served by Kestrel on a loopback port chosen by the system, so requests travel over real HTTP
/// (sockets, Kestrel's parsing, chunking and limits), not through the in-memory TestServer.
/// </summary>
public sealed class KestrelHealthGraphApp : HealthGraphApp
{
    public KestrelHealthGraphApp() => UseKestrel(0);

    /// <summary>The address Kestrel listens on, such as <c>http://127.0.0.1:41234</c> (starts the server on first use).</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            return new Uri(addresses.First());
        }
    }

    /// <summary>A plain HttpClient (sockets, no test handler) for the server's address.</summary>
    public HttpClient CreateSocketClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
}
