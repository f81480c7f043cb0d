using LicenseAdmin.Infrastructure.Services;
using Microsoft.AspNetCore.Components.Authorization;

namespace LicenseAdmin.Web.Authorization;

/// <summary>The caller of the current circuit or request, for passing to the services.</summary>
public sealed class CurrentCaller(AuthenticationStateProvider authentication)
{
    public async Task<Caller> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return state.User.ToCaller()
            ?? throw new InvalidOperationException("This page needs a signed-in LicenseAdmin account.");
    }
}
