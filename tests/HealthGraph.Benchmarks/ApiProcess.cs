using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace HealthGraph.Benchmarks;

/// <summary>The healthgraph executable serving the API on a free port.</summary>
internal sealed partial class ApiProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private HttpClient? _http;

    private ApiProcess(IReadOnlyList<string> settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(HealthGraph.Api.HealthGraphSchema).Assembly.Location);
        foreach (var argument in new[] { "--urls", "http://127.0.0.1:0", "--GraphQL:RateLimit:Enabled=false", "--HealthGraph:SeedOnFirstRun=false" }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public long PeakResidentBytes => PeakResidentBytesOf(_process.Id);

    /// <summary>The most memory a running process has held resident so far (Linux: VmHWM in /proc/PID/status), in bytes.</summary>
    public static long PeakResidentBytesOf(int processId)
    {
        var line = File.ReadLines($"/proc/{processId}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    public static async Task<ApiProcess> StartAsync(IReadOnlyList<string> settings, CancellationToken cancellationToken)
    {
        var api = new ApiProcess(settings);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(2))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (api._process.HasExited)
            {
                throw new InvalidOperationException($"The API ended (exit code {api._process.ExitCode}):{Environment.NewLine}{api.Output}");
            }

            if (Listening().Match(api.Output) is { Success: true } match)
            {
                api._http = new HttpClient { BaseAddress = new Uri(match.Groups["address"].Value), Timeout = TimeSpan.FromMinutes(5) };
                return api;
            }

            await Task.Delay(50, cancellationToken);
        }

        api.Dispose();
        throw new TimeoutException("The API did not listen within 2 minutes.");
    }

    public async Task<(int Status, string Body)> PostAsync(string query, object? variables, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await _http!.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _http?.Dispose();
        _process.Dispose();
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(@"Now listening on: (?<address>http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
