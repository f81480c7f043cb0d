using LicenseAdmin.Domain;

namespace LicenseAdmin.Infrastructure.Services.Security;

/// <summary>The caller's role does not allow the action. The message names the role and the action.</summary>
public sealed class AccessDeniedException(DomainMessage reason) : DomainException(reason)
{
    public static AccessDeniedException AccountInactive() =>
        new(new DomainMessage("AccessDenied", "Your account is deleted or blocked from signing in; nothing was changed."));

    public static AccessDeniedException AppInactive() =>
        new(new DomainMessage("AccessDenied", "This app is disabled or deleted; nothing was changed."));
}
