using System.Text.Json.Serialization;

namespace LicenseAdmin.Web.GraphApi;

/// <summary>Graph's error envelope: <c>{"error":{"code","message","innerError":{...}}}</c>.</summary>
public sealed record GraphErrorEnvelope(GraphErrorBody Error);

public sealed record GraphErrorBody(string Code, string Message, GraphInnerError InnerError);

public sealed record GraphInnerError(
    string Date,
    [property: JsonPropertyName("request-id")] string RequestId,
    [property: JsonPropertyName("client-request-id")] string ClientRequestId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LicenseError = null);

/// <summary>A refusal the API itself makes (bad query, bad body, missing object), with its status and Graph code.</summary>
public sealed class GraphRequestException(int status, string code, string message, string? licenseError = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string? LicenseError { get; } = licenseError;

    public static GraphRequestException BadRequest(string message) => new(StatusCodes.Status400BadRequest, GraphErrorCodes.BadRequest, message);

    public static GraphRequestException UnsupportedQuery(string message) => new(StatusCodes.Status400BadRequest, GraphErrorCodes.UnsupportedQuery, message);

    public static GraphRequestException NotFound(string id) =>
        new(StatusCodes.Status404NotFound, GraphErrorCodes.NotFound, $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");
}

/// <summary>The codes of the design page's error table.</summary>
public static class GraphErrorCodes
{
    public const string InvalidToken = "InvalidAuthenticationToken";
    public const string Denied = "Authorization_RequestDenied";
    public const string NotFound = "Request_ResourceNotFound";
    public const string BadRequest = "Request_BadRequest";
    public const string UnsupportedQuery = "Request_UnsupportedQuery";
    public const string TooManyRequests = "TooManyRequests";

    /// <summary>Not Graph's: a bulk apply whose preview no longer matches (409).</summary>
    public const string StalePreview = "Request_StalePreview";
}
