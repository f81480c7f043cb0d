using LicenseAdmin.Domain.Catalog;
using LicenseAdmin.Domain.Licensing;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Domain.Tenants;
using LicenseAdmin.Domain.Users;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Services.Seats;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LicenseAdmin.Infrastructure.Persistence.Seeding;

/// <summary>
/// Seeds Contoso (about 200 users, four subscriptions, E5 nearly full) and Fabrikam (to show isolation)
/// into an empty database. Deterministic: the same names and assignments on every machine.
/// </summary>
public sealed class DemoDataSeeder(
    TenantDbContextFactory contexts,
    UserManager<ApplicationUser> userManager,
    IOptions<DemoOptions> options,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger)
{
    public static readonly Guid ContosoId = Guid.Parse("8f0c1e2a-6b1d-4c55-9a0e-0c0a70500001");
    public static readonly Guid FabrikamId = Guid.Parse("8f0c1e2a-6b1d-4c55-9a0e-0fab00000002");

    private static readonly string[] FirstNames =
    [
        "Anna", "Bo", "Camille", "David", "Emma", "Frederik", "Grace", "Henrik", "Ida", "Jonas", "Karen", "Lars",
        "Maja", "Niels", "Olivia", "Peter", "Rasmus", "Sofie", "Thomas", "Ulla", "Victor", "Wei", "Yasmin", "Zoe",
        "Aisha", "Ben", "Carlos", "Dana", "Elif", "Farid",
    ];

    private static readonly string[] LastNames =
    [
        "Andersen", "Berg", "Christensen", "Dubois", "Eriksson", "Fischer", "Garcia", "Hansen", "Iversen", "Jensen",
        "Kowalski", "Larsen", "Madsen", "Nielsen", "Olsen", "Pedersen", "Quinn", "Rasmussen", "Schmidt", "Thomsen",
        "Ulriksen", "Vestergaard", "Wong", "Xu", "Yilmaz", "Zimmermann",
    ];

    private static readonly string[] Departments = ["Sales", "Marketing", "Finance", "Engineering", "HR", "Support", "Legal", "Operations"];
    private static readonly string[] Countries = ["DK", "US", "GB", "DE", "SE", "NO", "FR", "NL"];
    private static readonly string[] JobTitles = ["Consultant", "Specialist", "Manager", "Analyst", "Coordinator", "Engineer", "Assistant"];

    public async Task<bool> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled) return false;
        await using var db = await contexts.ForSystemAsync(cancellationToken);
        if (await db.Tenants.IgnoreQueryFilters().AnyAsync(cancellationToken)) return false;

        var now = clock.GetUtcNow().UtcDateTime;
        var products = await db.Products.Include(p => p.Plans).ToDictionaryAsync(p => p.PartNumber, cancellationToken);
        var families = await db.ServicePlans.ToDictionaryAsync(p => p.Id, p => p.Family, cancellationToken);
        var seed = new TenantSeed(db, products, families, now);

        seed.Contoso();
        seed.Fabrikam();
        await db.SaveChangesAsync(cancellationToken);
        await SeatCounterRecalculator.RecalculateAsync(db, ContosoId, cancellationToken);
        await SeatCounterRecalculator.RecalculateAsync(db, FabrikamId, cancellationToken);

        foreach (var account in DemoAccounts.All)
            await CreateSignInAsync(seed.UserIdOf(account.Upn), account.Upn);

        logger.LogInformation("Seeded demo tenants Contoso and Fabrikam with {Users} users", seed.UserCount);
        return true;
    }

    private async Task CreateSignInAsync(DirectoryUser user, string upn)
    {
        var account = new ApplicationUser
        {
            UserName = upn,
            Email = upn,
            EmailConfirmed = true,
            TenantId = user.TenantId,
            DirectoryUserId = user.Id,
        };
        var result = await userManager.CreateAsync(account, options.Value.Password);
        if (!result.Succeeded)
            throw new InvalidOperationException(
                $"The demo sign-in {upn} could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))} " +
                "Check Demo:Password (environment Demo__Password).");
    }

    /// <summary>Builds the rows of both tenants in memory; the seeder saves them in one go.</summary>
    private sealed class TenantSeed(AppDbContext db, Dictionary<string, Product> products, Dictionary<Guid, ServiceFamily> families, DateTime now)
    {
        private readonly Random _random = new(2026);
        private readonly Dictionary<string, DirectoryUser> _usersByUpn = new(StringComparer.OrdinalIgnoreCase);

        public int UserCount => _usersByUpn.Count;

        /// <summary>
        /// Demo tenants do not require MFA for administrators, so the published demo sign-ins work at once;
        /// a Global admin turns it on under Billing (README, "Demo sign-ins").
        /// </summary>
        private static Tenant DemoTenant(Guid id, string name, string domain, DateTime createdUtc)
        {
            var tenant = new Tenant(id, name, domain, createdUtc);
            tenant.SetRequireMfaForAdmins(false);
            return tenant;
        }

        public DirectoryUser UserIdOf(string upn) => _usersByUpn[upn];

        public void Contoso()
        {
            db.Tenants.Add(DemoTenant(ContosoId, "Contoso", "contoso.com", now.AddYears(-3)));
            var e3 = Subscribe(ContosoId, "ENTERPRISEPACK", 25, 23.00m);
            var e5 = Subscribe(ContosoId, "ENTERPRISEPREMIUM", 5, 38.00m);
            var basic = Subscribe(ContosoId, "O365_BUSINESS_ESSENTIALS", 10, 6.00m);
            var apps = Subscribe(ContosoId, "OFFICESUBSCRIPTION", 10, 12.00m);

            var admins = DemoAccounts.Contoso.Select(a => AddPerson(ContosoId, a.Upn, a.DisplayName, "IT", "DK", a.Roles)).ToList();
            var staff = Enumerable.Range(0, 190).Select(i => AddGeneratedPerson(ContosoId, "contoso.com", i, withoutLocation: i % 37 == 5)).ToList();

            AddResource(ContosoId, "info@contoso.com", "Info (shared)", UserKind.SharedMailbox, 12 * 1024);
            AddResource(ContosoId, "support@contoso.com", "Support (shared)", UserKind.SharedMailbox, 62 * 1024);
            AddResource(ContosoId, "boardroom@contoso.com", "Board room", UserKind.RoomMailbox, 2 * 1024);

            var licensable = staff.Where(u => u.UsageLocation is not null).ToList();
            // E3 for every admin account and 13 staff (20 of 25), E5 nearly full (4 of 5),
            // Business Basic and Apps for enterprise for others; the rest stay unlicensed.
            foreach (var user in admins.Concat(licensable.Take(13))) Assign(user, e3);
            foreach (var user in licensable.Skip(13).Take(4)) Assign(user, e5);
            foreach (var user in licensable.Skip(17).Take(6)) Assign(user, basic);
            foreach (var user in licensable.Skip(23).Take(5)) Assign(user, apps);

            var officeUser = _usersByUpn["user@contoso.com"];
            AddInstall(officeUser, "LYNNE-LAPTOP", DevicePlatform.Pc, 40);
            AddInstall(officeUser, "Lynne's MacBook", DevicePlatform.Mac, 12);

            // A user whose license went 10 days ago: the mailbox is retained for 20 more days.
            var retained = licensable[40];
            db.ServiceProvisionings.Add(Retained(retained, ServiceFamily.Exchange, now.AddDays(-10)));

            // A user deleted 5 days ago: in Deleted users, restorable for 25 more days.
            var deleted = licensable[41];
            deleted.MarkDeleted(now.AddDays(-5));
            db.ServiceProvisionings.Add(Retained(deleted, ServiceFamily.Exchange, now.AddDays(-5)));
        }

        public void Fabrikam()
        {
            db.Tenants.Add(DemoTenant(FabrikamId, "Fabrikam", "fabrikam.com", now.AddYears(-1)));
            var e3 = Subscribe(FabrikamId, "ENTERPRISEPACK", 10, 23.00m);
            var admins = DemoAccounts.Fabrikam.Select(a => AddPerson(FabrikamId, a.Upn, a.DisplayName, "IT", "US", a.Roles)).ToList();
            var staff = Enumerable.Range(0, 29).Select(i => AddGeneratedPerson(FabrikamId, "fabrikam.com", i + 1000, withoutLocation: false)).ToList();
            foreach (var user in admins.Concat(staff.Take(5))) Assign(user, e3);
        }

        private Product Subscribe(Guid tenantId, string partNumber, int seats, decimal price)
        {
            var product = products.GetValueOrDefault(partNumber)
                ?? throw new InvalidOperationException($"The catalog has no product {partNumber}; the demo data needs the shipped catalog.");
            var start = now.AddDays(-200).Date;
            db.Subscriptions.Add(new Subscription(Guid.NewGuid(), tenantId, product.Id, seats, SubscriptionStatus.Enabled,
                start, start.AddYears(1), isTrial: false, price, "USD"));
            return product;
        }

        private DirectoryUser AddGeneratedPerson(Guid tenantId, string domain, int index, bool withoutLocation)
        {
            var first = FirstNames[index % FirstNames.Length];
            var last = LastNames[(index * 7 + index / FirstNames.Length) % LastNames.Length];
            var upn = $"{first}.{last}{(index >= FirstNames.Length ? (index / FirstNames.Length).ToString() : "")}@{domain}".ToLowerInvariant();
            var user = AddPerson(tenantId, upn, $"{first} {last}", Departments[_random.Next(Departments.Length)],
                withoutLocation ? null : Countries[_random.Next(Countries.Length)], Domain.Administration.AdminRoles.None);
            user.UpdateProfile(user.DisplayName, first, last, user.Department, JobTitles[_random.Next(JobTitles.Length)]);
            return user;
        }

        private DirectoryUser AddPerson(Guid tenantId, string upn, string displayName, string department, string? country, Domain.Administration.AdminRoles roles)
        {
            var user = new DirectoryUser(Guid.NewGuid(), tenantId, upn, displayName, UserKind.User, now.AddDays(-_random.Next(30, 900)));
            var parts = displayName.Split(' ', 2);
            user.UpdateProfile(displayName, parts[0], parts.ElementAtOrDefault(1), department, roles == Domain.Administration.AdminRoles.None ? null : "Administrator");
            user.SetUsageLocation(country);
            user.SetRoles(roles);
            user.SetMailboxSize(_random.Next(100, 20_000));
            _usersByUpn.Add(user.UserPrincipalName, user);
            db.DirectoryUsers.Add(user);
            return user;
        }

        private void AddResource(Guid tenantId, string upn, string displayName, UserKind kind, long mailboxMb)
        {
            var mailbox = new DirectoryUser(Guid.NewGuid(), tenantId, upn, displayName, kind, now.AddDays(-400));
            mailbox.SetMailboxSize(mailboxMb);
            mailbox.SetUsageLocation("DK");
            _usersByUpn.Add(mailbox.UserPrincipalName, mailbox);
            db.DirectoryUsers.Add(mailbox);
            db.ServiceProvisionings.Add(new ServiceProvisioning(Guid.NewGuid(), tenantId, mailbox.Id, ServiceFamily.Exchange, mailbox.CreatedUtc));
        }

        private void Assign(DirectoryUser user, Product product)
        {
            db.LicenseAssignments.Add(new LicenseAssignment(Guid.NewGuid(), user.TenantId, user.Id, product.Id, [], now.AddDays(-_random.Next(1, 300))));
            var provided = product.Plans.Select(p => families.GetValueOrDefault(p.ServicePlanId)).Where(f => f != ServiceFamily.Other).Distinct();
            foreach (var family in provided)
                db.ServiceProvisionings.Add(new ServiceProvisioning(Guid.NewGuid(), user.TenantId, user.Id, family, now.AddDays(-30)));
        }

        private ServiceProvisioning Retained(DirectoryUser user, ServiceFamily family, DateTime lostUtc)
        {
            var record = new ServiceProvisioning(Guid.NewGuid(), user.TenantId, user.Id, family, lostUtc.AddDays(-100));
            record.Retain(lostUtc);
            return record;
        }

        private void AddInstall(DirectoryUser user, string device, DevicePlatform platform, int daysAgo) =>
            db.OfficeInstallations.Add(new OfficeInstallation(Guid.NewGuid(), user.TenantId, user.Id, device, platform, now.AddDays(-daysAgo)));
    }
}
