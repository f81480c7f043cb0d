using LicenseAdmin.Domain;

namespace LicenseAdmin.Infrastructure.Services;

/// <summary>The limits of one server-side page, so no grid can ask a read service for a whole tenant at once.</summary>
public static class PageBounds
{
    public const int MaxPageSize = 500;

    public static void Ensure(int skip, int take, string rows = "rows")
    {
        // Each noun has its own whole sentence, so a translation never has to glue an English word in.
        if (take is <= 0 or > MaxPageSize)
            throw new DomainException(rows == "users"
                ? new DomainMessage("InvalidPageSize", "A page holds 1 to {Max} users; {Take} was asked for.", new { Max = MaxPageSize, Take = take })
                : new DomainMessage("InvalidPageSize", "A page holds 1 to {Max} rows; {Take} was asked for.", new { Max = MaxPageSize, Take = take }));
        if (skip < 0) throw new DomainException(new DomainMessage("InvalidPageStart", "A page cannot start at {Skip}.", new { Skip = skip }));
    }
}
