using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Infrastructure.Persistence;

/// <summary>
/// A set-based UPDATE or DELETE of a planned change must touch exactly the rows the plan was made on. Fewer means
/// another admin changed them in between (possible on SQL Server; SQLite serialises writers). It is reported the way
/// SaveChanges reports a row that is gone, so callers handle both alike and the transaction rolls back.
/// </summary>
internal static class ExpectedRows
{
    public static void Check(int expected, int actual, string rows)
    {
        if (actual != expected)
            throw new DbUpdateConcurrencyException($"Expected to change {expected} {rows} but changed {actual}; they were changed meanwhile.");
    }
}
