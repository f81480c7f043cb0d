using System.Diagnostics;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Domain.Tenants;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Seats;
using Microsoft.EntityFrameworkCore;

namespace LicenseAdmin.Benchmarks;

/// <summary>
/// Seeds one large tenant: the tenant, its subscriptions and the admin through EF Core (a handful of rows), the
/// users, their licenses and provisioning with the provider's fastest load (SQLite: prepared inserts; PostgreSQL: binary COPY; SQL Server: bulk copy) in one transaction, then the seat counters.
/// Every tenth user pattern is fixed, so the counts are known: 5% deleted, 30% of the active users unlicensed,
/// 40% E3 (some with Visio, some with Project), 10% E5, 20% Business Basic.
/// </summary>
public sealed class TenantSeeder(BenchmarkDatabase database, int userCount, int selectionSize)
{
    public const int RaceSeats = 10;
    public const int RaceContenders = 50;
    public const int AdminWorkers = 20;
    public const int UsersPerAdminWorker = 10;
    private const int VisioHolders = 190;

    private static readonly string[] FirstNames =
        ["Anna", "Bo", "Camille", "David", "Emma", "Frederik", "Grace", "Henrik", "Ida", "Jonas", "Karen", "Lars", "Maja", "Niels", "Olivia",
         "Peter", "Rasmus", "Sofie", "Thomas", "Ulla", "Victor", "Wei", "Yasmin", "Zoe", "Aisha", "Ben", "Carlos", "Dana", "Elif", "Farid"];
    private static readonly string[] LastNames =
        ["Andersen", "Berg", "Christensen", "Dubois", "Eriksson", "Fischer", "Garcia", "Hansen", "Iversen", "Jensen", "Kowalski", "Larsen",
         "Madsen", "Nielsen", "Olsen", "Pedersen", "Quinn", "Rasmussen", "Schmidt", "Thomsen", "Ulriksen", "Vestergaard", "Wong", "Xu", "Yilmaz", "Zimmermann"];
    private static readonly string[] Departments = ["Sales", "Marketing", "Finance", "Engineering", "HR", "Support", "Legal", "Operations"];
    private static readonly string[] Countries = ["DK", "US", "GB", "DE", "SE", "NO", "FR", "NL"];

    private readonly Guid _tenantId = Guid.NewGuid();
    private readonly DateTime _now = DateTime.UtcNow;

    public static bool IsDeleted(int index) => index % 20 == 7;

    public async Task<SeededTenant> SeedAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await database.Get<TenantDbContextFactory>().ForSystemAsync(cancellationToken);
        var products = await db.Products.Include(p => p.Plans).ToDictionaryAsync(p => p.PartNumber, cancellationToken);
        var families = await db.ServicePlans.ToDictionaryAsync(p => p.Id, p => p.Family, cancellationToken);
        var ids = new SeededProducts(products["ENTERPRISEPACK"].Id, products["ENTERPRISEPREMIUM"].Id, products["O365_BUSINESS_ESSENTIALS"].Id,
            products["PROJECTPROFESSIONAL"].Id, products["VISIOCLIENT"].Id, products["POWER_BI_PRO"].Id);
        var familiesOf = products.Values.ToDictionary(p => p.Id,
            p => p.Plans.Select(plan => families.GetValueOrDefault(plan.ServicePlanId)).Where(f => f != ServiceFamily.Other).Distinct().ToList());

        var admin = new DirectoryUser(Guid.NewGuid(), _tenantId, "admin@northwind.example", "Benchmark Admin", UserKind.User, _now.AddYears(-2));
        admin.UpdateProfile(admin.DisplayName, "Benchmark", "Admin", "IT", "Administrator");
        admin.SetUsageLocation("DK");
        admin.SetRoles(AdminRoles.GlobalAdministrator);
        db.Tenants.Add(new Tenant(_tenantId, "Northwind", "northwind.example", _now.AddYears(-5)));
        db.DirectoryUsers.Add(admin);
        await db.SaveChangesAsync(cancellationToken);

        var plan = PlanUsers(ids);
        await InsertUsersAsync(plan, familiesOf, cancellationToken);

        var assigned = plan.Where(u => !u.Deleted).SelectMany(u => u.Products).GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        var slack = selectionSize + 500;
        Subscribe(db, ids.E3, assigned.GetValueOrDefault(ids.E3) + slack, 23m);
        Subscribe(db, ids.E5, assigned.GetValueOrDefault(ids.E5) + assigned.GetValueOrDefault(ids.E5) / 20, 38m);
        Subscribe(db, ids.BusinessBasic, assigned.GetValueOrDefault(ids.BusinessBasic) + assigned.GetValueOrDefault(ids.BusinessBasic) / 20, 6m);
        Subscribe(db, ids.Project, assigned.GetValueOrDefault(ids.Project) + slack, 30m);
        Subscribe(db, ids.PowerBi, slack, 10m);
        Subscribe(db, ids.Visio, assigned.GetValueOrDefault(ids.Visio) + RaceSeats, 15m);
        await db.SaveChangesAsync(cancellationToken);
        await SeatCounterRecalculator.RecalculateAsync(db, _tenantId, cancellationToken);

        // The admin holds no license either, so the Unlicensed view counts them too.
        var active = plan.Where(u => !u.Deleted).ToList();
        var stride = Math.Max(1, active.Count / selectionSize);
        var selection = active.Where((_, i) => i % stride == 0).Take(selectionSize).Select(u => u.Id).ToList();
        var withoutVisio = active.Where(u => !u.Products.Contains(ids.Visio)).Skip(1).ToList();
        var race = withoutVisio.Take(RaceContenders).Select(u => u.Id).ToList();
        // The concurrent admins' users: each worker its own, so workers only meet on the seats.
        var workerUsers = withoutVisio.Skip(RaceContenders).Take(AdminWorkers * UsersPerAdminWorker).Select(u => u.Id).ToList();
        Console.WriteLine($"Seeded {plan.Count:N0} users ({active.Count:N0} active) in {watch.Elapsed.TotalSeconds:F1} s");
        return new SeededTenant(_tenantId, new Caller(_tenantId, admin.Id, admin.UserPrincipalName, AdminRoles.GlobalAdministrator), ids,
            active.Count + 1, active.Count(u => u.Products.Count == 0) + 1, active.Count(u => u.Products.Contains(ids.E5)), selection, race, workerUsers, _now);
    }

    private List<PlannedUser> PlanUsers(SeededProducts products)
    {
        var random = new Random(2026);
        var users = new List<PlannedUser>(userCount);
        var visio = 0;
        for (var i = 0; i < userCount; i++)
        {
            var first = FirstNames[i % FirstNames.Length];
            var last = LastNames[(i * 7 + i / FirstNames.Length) % LastNames.Length];
            var held = new List<Guid>();
            switch (i % 10)
            {
                case 3 or 4 or 5 or 6:
                    held.Add(products.E3);
                    if (i % 10 == 4) held.Add(products.Project);
                    if (i % 10 == 5 && visio < VisioHolders && !IsDeleted(i)) { held.Add(products.Visio); visio++; }
                    break;
                case 7:
                    held.Add(products.E5);
                    break;
                case 8 or 9:
                    held.Add(products.BusinessBasic);
                    break;
            }
            users.Add(new PlannedUser(Guid.NewGuid(), $"{first} {last}", first, last, $"{first}.{last}.{i}@northwind.example".ToLowerInvariant(),
                Departments[random.Next(Departments.Length)], Countries[random.Next(Countries.Length)], IsDeleted(i),
                _now.AddDays(IsDeleted(i) && i % 40 == 7 ? -40 : -5), held));
        }
        return users;
    }

    private async Task InsertUsersAsync(List<PlannedUser> users, Dictionary<Guid, List<ServiceFamily>> familiesOf, CancellationToken cancellationToken)
    {
        var created = _now.AddDays(-400);
        var userRows = new List<object?[]>(users.Count);
        var licenseRows = new List<object?[]>(users.Count);
        var provisioningRows = new List<object?[]>(users.Count * 2);
        for (var i = 0; i < users.Count; i++)
        {
            var user = users[i];
            userRows.Add([user.Id, _tenantId, user.Upn, user.DisplayName, user.First, user.Last, user.Department, "Specialist", user.Country, false,
                "User", 0, (long)(100 + i % 5000), created, user.Deleted ? user.DeletedUtc : null]);
            foreach (var product in user.Products)
                licenseRows.Add([Guid.NewGuid(), _tenantId, user.Id, product, created, ""]);

            var provided = user.Products.SelectMany(p => familiesOf.GetValueOrDefault(p, [])).Distinct().ToList();
            foreach (var family in provided.Where(_ => !user.Deleted))
                provisioningRows.Add([Guid.NewGuid(), _tenantId, user.Id, family.ToString(), "Provisioned", null, created]);
            if (user.Deleted || user.Products.Count == 0)
            {
                // Unlicensed users lost their license some time ago: half their mailboxes are past the 30 days.
                var lost = user.Deleted ? user.DeletedUtc : _now.AddDays(i % 2 == 0 ? -35 : -10);
                provisioningRows.Add([Guid.NewGuid(), _tenantId, user.Id, nameof(ServiceFamily.Exchange), "Retained", lost.AddDays(30), lost]);
            }
        }

        var provider = database.Provider;
        await using var connection = database.OpenConnection();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await provider.LoadAsync(connection, transaction, "DirectoryUsers",
            ["Id", "TenantId", "UserPrincipalName", "DisplayName", "FirstName", "LastName", "Department", "JobTitle", "UsageLocation", "SignInBlocked",
             "Kind", "Roles", "MailboxSizeMb", "CreatedUtc", "DeletedUtc"], userRows, cancellationToken);
        // The database's triggers keep each user's license count as the assignments arrive (decision 0006).
        await provider.LoadAsync(connection, transaction, "LicenseAssignments",
            ["Id", "TenantId", "UserId", "ProductId", "AssignedUtc", "DisabledPlanIds"], licenseRows, cancellationToken);
        await provider.LoadAsync(connection, transaction, "ServiceProvisionings",
            ["Id", "TenantId", "UserId", "Family", "State", "RetainedUntilUtc", "ChangedUtc"], provisioningRows, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (provider is PostgreSqlBenchmarkProvider)
        {
            // Fresh statistics, as autovacuum would give a server some time after such a load, so plans are the steady ones.
            Sql.Execute(connection, null, "ANALYZE");
        }
    }

    private void Subscribe(AppDbContext db, Guid productId, int seats, decimal price)
    {
        var start = _now.AddDays(-200).Date;
        db.Subscriptions.Add(new Subscription(Guid.NewGuid(), _tenantId, productId, seats, SubscriptionStatus.Enabled, start, start.AddYears(1),
            isTrial: false, price, "USD"));
    }

    private sealed record PlannedUser(
        Guid Id, string DisplayName, string First, string Last, string Upn, string Department, string Country, bool Deleted, DateTime DeletedUtc,
        List<Guid> Products);
}
