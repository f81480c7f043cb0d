using LicenseAdmin.Domain;

namespace LicenseAdmin.Infrastructure.Services.Security;

/// <summary>The caller's role does not allow the action. The message names the role and the action.</summary>
public sealed class AccessDeniedException(string message) : DomainException("AccessDenied", message);
