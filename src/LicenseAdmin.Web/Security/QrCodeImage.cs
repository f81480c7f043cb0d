using QRCoder;

namespace LicenseAdmin.Web.Security;

/// <summary>A QR code as an SVG data address for an img element: no script, so the Content-Security-Policy allows it (img-src data:).</summary>
public static class QrCodeImage
{
    public static string DataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.Q);
        var svg = new SvgQRCode(data).GetGraphic(5);
        return "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
