using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using HealthGraph.Web.Security;

namespace HealthGraph.Tests.Support;

/// <summary>
/// The built <c>healthgraph</c> executable run as a real child process (<c>dotnet healthgraph.dll ...</c>), for tests
/// that kill it. The test project's reference copies healthgraph.dll beside the tests, so it is always the build under test.
/// </summary>
public sealed partial class HealthGraphProcess : IDisposable
{
    /// <summary>How long to wait for anything a process should do: generous, for a loaded two-core machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();
    private HttpClient? _http;

    private HealthGraphProcess(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Executable)!,
        };
        start.ArgumentList.Add(Executable);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>healthgraph.dll, as loaded by this test run.</summary>
    public static string Executable => typeof(Program).Assembly.Location;

    /// <summary>The dotnet host running these tests (DOTNET_HOST_PATH, else the one above the shared runtime, else PATH).</summary>
    private static string DotnetHost { get; } = FindDotnetHost();

    /// <summary>Standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The CPU time the process has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The most memory the process has held resident so far (Linux: VmHWM in /proc/PID/status), in bytes.</summary>
    public long PeakResidentBytes
    {
        get
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The API's address, once <see cref="StartApiAsync(string[])"/> has seen it listening.</summary>
    public Uri? Address { get; private set; }

    public static HealthGraphProcess Start(params IEnumerable<string> arguments) => new(arguments);

    /// <summary>Runs a command to its end and returns the process (exit code and output).</summary>
    public static Task<HealthGraphProcess> RunAsync(params string[] arguments) => RunAsync(Patience, arguments);

    /// <summary>Runs a command to its end, waiting at most <paramref name="patience"/>, and returns the process.</summary>
    public static async Task<HealthGraphProcess> RunAsync(TimeSpan patience, params string[] arguments)
    {
        var process = Start(arguments);
        await process._process.WaitForExitAsync().WaitAsync(patience);
        return process;
    }

    /// <summary>Serves the API on a free port over the given store, and waits until it is ready (first-run seed done).</summary>
    public static Task<HealthGraphProcess> StartApiAsync(string databasePath) =>
        // No rate limit: the tests write in bursts.
        StartApiAsync($"--Sqlite:Path={databasePath}", "--GraphQL:RateLimit:Enabled=false");

    /// <summary>
    /// Serves the API on a free port with the given settings (<c>--Key=value</c>) and the test editor's key (configured
    /// by its hash, as in production), and waits until it is ready.
    /// </summary>
    public static async Task<HealthGraphProcess> StartApiAsync(params string[] settings)
    {
        var process = Start([
            "--urls", "http://127.0.0.1:0", .. settings,
            $"--Auth:ApiKeys:0:Name={HealthGraphApp.EditorName}", $"--Auth:ApiKeys:0:Hash={ApiKeys.Hash(HealthGraphApp.EditorKey)}",
            $"--Auth:ApiKeys:0:Roles:0={Roles.Editor}", $"--Auth:ApiKeys:0:Roles:1={Roles.Administrator}"]);
        try
        {
            await process.WaitUntilAsync(() => ListeningOn().IsMatch(process.Output), "the API to listen");
            process.Address = new Uri(ListeningOn().Match(process.Output).Groups["address"].Value);
            process._http = new HttpClient { BaseAddress = process.Address, Timeout = Patience };
            await process.WaitUntilAsync(async () => (await process._http.GetAsync(new Uri("/health/ready", UriKind.Relative))).IsSuccessStatusCode, "readiness");
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// POSTs a GraphQL request to the API and returns the response's JSON. Every request a test sends goes through here,
    /// so a credential the API comes to require is added in this one place.
    /// </summary>
    public async Task<JsonNode> PostGraphQLAsync(string query, object? variables = null, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        request.Headers.Add(ApiKeyAuthenticationHandler.Header, HealthGraphApp.EditorKey);
        using var response = await _http!.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>Waits until the condition holds; fails, with the output so far, if the process ends first or time runs out.</summary>
    public Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not answering yet.
            }

            Assert.False(HasExited, $"The process ended (exit code {(HasExited ? ExitCode : 0)}) before {what}:{Environment.NewLine}{Output}");
            Assert.True(deadline.Elapsed < Patience, $"Waited {Patience.TotalSeconds:F0} s for {what}:{Environment.NewLine}{Output}");
            await Task.Delay(20);
        }
    }

    /// <summary>Kills the process and all it started (SIGKILL on Linux: no clean-up code runs), and waits until it is gone.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _http?.Dispose();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    private static string FindDotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
        {
            return fromSdk;
        }

        // The shared runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var host = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningOn();
}
