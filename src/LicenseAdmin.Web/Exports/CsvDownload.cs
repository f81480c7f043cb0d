using System.Text;
using LicenseAdmin.Domain;
using LicenseAdmin.Infrastructure.Services.Security;
using Microsoft.Net.Http.Headers;

namespace LicenseAdmin.Web.Exports;

/// <summary>
/// Sends a CSV file that a service writes, or the service's refusal as a plain message: 403 when the caller may not
/// have it, 400 when the request asks for something that does not exist. Never a 500 for a refusal.
/// </summary>
public static class CsvDownload
{
    // The services check the caller and the filter before their first row. The header they write before that stays
    // in this buffer, so nothing has reached the client yet and a refusal can still get its own status.
    private const int BufferChars = 16 * 1024;

    public static async Task SendAsync(HttpContext http, string fileName, Func<TextWriter, CancellationToken, Task> write, ILogger logger)
    {
        var cancellationToken = http.RequestAborted;
        try
        {
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
            var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), BufferChars, leaveOpen: true);
            await write(writer, cancellationToken);
            // Disposed only on success (disposing flushes, which would start a refused response) and asynchronously:
            // a synchronous flush on the response body is refused by the server and cut the download off.
            await writer.DisposeAsync();
        }
        catch (DomainException refusal) when (!http.Response.HasStarted)
        {
            await RefuseAsync(http, refusal is AccessDeniedException ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest, refusal.Message);
        }
        catch (DomainException refusal)
        {
            // Refused half-way (say the caller was blocked meanwhile): the status is already sent, so the download
            // is cut off rather than completed with rows the caller may no longer read.
            logger.LogWarning("The export {File} was refused after it started: {Reason}", fileName, refusal.Message);
            http.Abort();
        }
    }

    public static async Task RefuseAsync(HttpContext http, int status, string message)
    {
        http.Response.Clear();
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(message, http.RequestAborted);
    }
}
