using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LicenseAdmin.Domain.Apps;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>
/// Graph's JSON batching (<c>POST /v1.0/$batch</c>, decision 0014): at most 20 requests, each run as its own request
/// through the whole pipeline of the app (routing, bearer authentication, the endpoint's permission, the per-app rate
/// limit, the error envelope), one after another in the order given. A request whose <c>dependsOn</c> names a request
/// that did not succeed is not run and answers 424.
/// </summary>
public static class GraphBatch
{
    public const int MaxRequests = 20;

    private static readonly string AnyPermission = GraphAuthentication.Policy([.. ApiPermissionNames.All]);
    private static readonly HashSet<string> Methods = ["GET", "POST", "PATCH", "PUT", "DELETE"];
    private static readonly HashSet<string> ForwardedHeaders = ["Content-Type", "Location", "Retry-After", "client-request-id", "request-id"];

    public static void AddGraphBatch(this IServiceCollection services)
    {
        services.AddSingleton<AppPipeline>();
        services.AddTransient<IStartupFilter, AppPipeline.Capture>();
    }

    public static void AddGraphBatchPolicy(this Microsoft.AspNetCore.Authorization.AuthorizationOptions options) =>
        options.AddGraphPolicy([.. ApiPermissionNames.All]);

    public static void MapGraphBatch(this RouteGroupBuilder graph) =>
        // The batch itself is not throttled; each of its requests is, like a single call.
        graph.MapPost("/$batch", RunAsync).RequireAuthorization(AnyPermission).DisableAntiforgery().DisableRateLimiting()
            .WithSummary("JSON batching: at most 20 requests, each run and throttled as a single call; dependsOn, 424 for a failed dependency.");

    private static async Task<IResult> RunAsync(HttpContext http, AppPipeline pipeline, CancellationToken cancellationToken)
    {
        var requests = await ReadAsync(http, cancellationToken);
        var statuses = new Dictionary<string, int>(StringComparer.Ordinal);
        var responses = new JsonArray();
        foreach (var request in requests)
        {
            var failed = request.DependsOn.FirstOrDefault(d => statuses[d] is < 200 or > 299);
            var response = failed is not null
                ? FailedDependency(http, request.Id, failed, statuses[failed])
                : await pipeline.RunAsync(http, request, cancellationToken);
            statuses[request.Id] = response.Status;
            responses.Add(response.ToJson(request.Id));
        }
        return Results.Text(new JsonObject { ["responses"] = responses }.ToJsonString(), "application/json");
    }

    private static BatchResponse FailedDependency(HttpContext http, string id, string dependency, int status)
    {
        var error = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["code"] = "FailedDependency",
                ["message"] = $"Request '{id}' depends on request '{dependency}', which failed with status {status}; it was not run.",
                ["innerError"] = new JsonObject
                {
                    ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                    ["request-id"] = Guid.NewGuid().ToString(),
                    ["client-request-id"] = http.Request.Headers["client-request-id"].ToString(),
                },
            },
        };
        return new BatchResponse(StatusCodes.Status424FailedDependency, new Dictionary<string, string> { ["Content-Type"] = "application/json" }, error);
    }

    /// <summary>The batch body, checked whole before any request runs: a bad batch runs nothing.</summary>
    private static async Task<IReadOnlyList<BatchRequest>> ReadAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var node = await GraphEndpoints.ReadJsonAsync(http, cancellationToken);
        if (node?["requests"] is not JsonArray items) throw GraphRequestException.BadRequest("The batch must be a JSON object with a 'requests' array.");
        if (items.Count == 0) throw GraphRequestException.BadRequest("The batch has no requests.");
        if (items.Count > MaxRequests)
            throw GraphRequestException.BadRequest($"The batch has {items.Count} requests; at most {MaxRequests} are allowed in one batch.");

        var requests = new List<BatchRequest>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item is not JsonObject request) throw GraphRequestException.BadRequest("Each request of a batch must be a JSON object.");
            var id = Text(request, "id", null);
            if (!seen.Add(id)) throw GraphRequestException.BadRequest($"The batch has two requests with the id '{id}'; ids must be unique.");
            var method = Text(request, "method", id).ToUpperInvariant();
            if (!Methods.Contains(method)) throw GraphRequestException.BadRequest($"Request '{id}' has the method '{method}'; use GET, POST, PATCH, PUT or DELETE.");
            var url = Text(request, "url", id);
            var dependsOn = request["dependsOn"] switch
            {
                null => [],
                JsonArray ids => ids.Select(d => d?.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : throw NotAnId(id)).ToList(),
                _ => throw NotAnId(id),
            };
            foreach (var dependency in dependsOn)
            {
                // Requests run in order, so a dependency must come earlier; this also rules out cycles.
                if (!seen.Contains(dependency) || dependency == id)
                    throw GraphRequestException.BadRequest($"Request '{id}' depends on '{dependency}', which is not an earlier request of the batch.");
            }
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (request["headers"] is JsonObject given)
            {
                foreach (var (name, value) in given) headers[name] = value?.ToString() ?? "";
            }
            var body = request["body"];
            if (body is not null && method is "GET" or "DELETE")
                throw GraphRequestException.BadRequest($"Request '{id}' is a {method} and cannot have a body.");
            if (body is not null && !headers.ContainsKey("Content-Type")) headers["Content-Type"] = "application/json";
            requests.Add(new BatchRequest(id, method, url, headers, body?.DeepClone(), dependsOn));
        }
        return requests;
    }

    private static GraphRequestException NotAnId(string id) =>
        GraphRequestException.BadRequest($"The dependsOn of request '{id}' must be an array of request ids.");

    private static string Text(JsonObject request, string name, string? id) =>
        request[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > 0 } text
            ? text
            : throw GraphRequestException.BadRequest(id is null
                ? $"Every request of a batch needs a '{name}' (a string)."
                : $"Request '{id}' needs a '{name}' (a string).");

    public sealed record BatchRequest(string Id, string Method, string Url, IReadOnlyDictionary<string, string> Headers, JsonNode? Body, IReadOnlyList<string> DependsOn);

    public sealed record BatchResponse(int Status, IReadOnlyDictionary<string, string> Headers, JsonNode? Body)
    {
        public JsonObject ToJson(string id)
        {
            var headers = new JsonObject();
            foreach (var (name, value) in Headers) headers[name] = value;
            return new JsonObject { ["id"] = id, ["status"] = Status, ["headers"] = headers, ["body"] = Body?.DeepClone() };
        }
    }

    /// <summary>
    /// The app's whole request pipeline, captured by a startup filter in front of everything the host adds (routing,
    /// authentication, authorization), so a batch's request is handled exactly as if it had come on its own.
    /// </summary>
    public sealed class AppPipeline(IServiceScopeFactory scopes)
    {
        private RequestDelegate? _app;

        public sealed class Capture(AppPipeline pipeline) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(inner =>
                {
                    pipeline._app = inner;
                    return inner;
                });
                next(app);
            };
        }

        public async Task<BatchResponse> RunAsync(HttpContext batch, BatchRequest request, CancellationToken cancellationToken)
        {
            var app = _app ?? throw new InvalidOperationException("The app's pipeline was not captured; AddGraphBatch registers the startup filter.");
            var (path, query) = Split(request.Url);
            if (path.Equals("/v1.0/$batch", StringComparison.OrdinalIgnoreCase))
                return Refusal(batch, StatusCodes.Status400BadRequest, GraphErrorCodes.BadRequest, $"Request '{request.Id}' is itself a $batch; batches cannot be nested.");

            await using var scope = scopes.CreateAsyncScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            context.Request.Method = request.Method;
            context.Request.Scheme = batch.Request.Scheme;
            context.Request.Host = batch.Request.Host;
            context.Request.PathBase = batch.Request.PathBase;
            context.Request.Path = new PathString(path);
            context.Request.QueryString = query;
            context.Connection.RemoteIpAddress = batch.Connection.RemoteIpAddress;
            // The batch's token is each request's token; the request's own headers (ConsistencyLevel, ...) come with it.
            context.Request.Headers.Authorization = batch.Request.Headers.Authorization;
            foreach (var (name, value) in request.Headers) context.Request.Headers[name] = value;
            var content = request.Body is null ? [] : Encoding.UTF8.GetBytes(request.Body.ToJsonString());
            context.Request.Body = new MemoryStream(content);
            context.Request.ContentLength = content.Length;
            var output = new MemoryStream();
            context.Response.Body = output;
            context.RequestAborted = cancellationToken;

            await app(context);

            var headers = context.Response.Headers.Where(h => ForwardedHeaders.Contains(h.Key))
                .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            if (context.Response.ContentType is { } type) headers["Content-Type"] = type;
            return new BatchResponse(context.Response.StatusCode, headers, Body(output.ToArray(), context.Response.ContentType));
        }

        private static BatchResponse Refusal(HttpContext batch, int status, string code, string message) =>
            new(status, new Dictionary<string, string> { ["Content-Type"] = "application/json" }, new JsonObject
            {
                ["error"] = new JsonObject
                {
                    ["code"] = code, ["message"] = message,
                    ["innerError"] = new JsonObject
                    {
                        ["date"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
                        ["request-id"] = Guid.NewGuid().ToString(), ["client-request-id"] = batch.Request.Headers["client-request-id"].ToString(),
                    },
                },
            });

        /// <summary>JSON answers are embedded as JSON, anything else (the text of /users/$count) as a string; none is null.</summary>
        private static JsonNode? Body(byte[] bytes, string? contentType)
        {
            if (bytes.Length == 0) return null;
            if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                try
                {
                    return JsonNode.Parse(bytes);
                }
                catch (JsonException)
                {
                }
            }
            return JsonValue.Create(Encoding.UTF8.GetString(bytes));
        }

        /// <summary>
        /// A batch URL is relative to /v1.0 (the SDKs strip it; some clients keep it) and not percent-encoded: spaces are
        /// encoded here, the rest is taken as written.
        /// </summary>
        private static (string Path, QueryString Query) Split(string url)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") url = absolute.PathAndQuery;
            var question = url.IndexOf('?');
            var path = question < 0 ? url : url[..question];
            var query = question < 0 ? "" : url[question..];
            path = "/" + path.TrimStart('/');
            if (!path.StartsWith("/v1.0/", StringComparison.OrdinalIgnoreCase)) path = "/v1.0" + path;
            return (Uri.UnescapeDataString(path), query.Length <= 1 ? QueryString.Empty : new QueryString(query.Replace(" ", "%20")));
        }
    }
}
