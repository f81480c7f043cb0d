using LicenseAdmin.Domain;

namespace LicenseAdmin.Infrastructure.Services;

/// <summary>The limits of one server-side page, so no grid can ask a read service for a whole tenant at once.</summary>
public static class PageBounds
{
    public const int MaxPageSize = 500;

    public static void Ensure(int skip, int take, string rows = "rows")
    {
        if (take is <= 0 or > MaxPageSize)
            throw new DomainException("InvalidPageSize", $"A page holds 1 to {MaxPageSize} {rows}; {take} was asked for.");
        if (skip < 0) throw new DomainException("InvalidPageStart", $"A page cannot start at {skip}.");
    }
}
