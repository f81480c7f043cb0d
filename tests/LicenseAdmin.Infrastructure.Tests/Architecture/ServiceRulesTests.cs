using System.Reflection;
using System.Text.RegularExpressions;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Services;
using LicenseAdmin.Infrastructure.Services.Auditing;

namespace LicenseAdmin.Infrastructure.Tests.Architecture;

/// <summary>
/// Every public method of an Infrastructure service that changes data checks its caller (blocked, deleted, wrong
/// tenant, missing role) and writes an audit entry, or says in code why not (<see cref="NotAuditedAttribute"/>).
/// A service is a public class under LicenseAdmin.Infrastructure.Services built on the database
/// (<see cref="TenantDbContextFactory"/> or <see cref="AuditedChanges"/>). Its methods are found by reflection,
/// so a new one cannot be missed; what they do is read from their source, following calls into the class's own
/// private methods and lambdas.
/// </summary>
public sealed partial class ServiceRulesTests
{
    /// <summary>Writes: the audited-change runner, a transaction, a save, a set-based update or delete, or a row added to or removed from a DbSet.</summary>
    [GeneratedRegex(@"\bRunAsync\(|BeginTransactionAsync|SaveChangesAsync|ExecuteUpdateAsync|ExecuteDeleteAsync|\bdb\.\w+\.(?:Add|AddRange|Remove|RemoveRange)\(")]
    private static partial Regex Writes();

    /// <summary>
    /// The caller checks: the audited-change runner (<c>changes.RunAsync</c>) checks the caller first (see
    /// <see cref="TheAuditedChangeRunner_ChecksTheCallerFirst_AndAuditsEveryRefusal"/>); WriteTransaction.RunAsync does not.
    /// </summary>
    [GeneratedRegex(@"\bchanges\.RunAsync\(|CallerGuard\.(?:RequireAsync|RequireToReadAsync|ActingAsync)\(")]
    private static partial Regex ChecksCaller();

    /// <summary>A succeeded audit entry, written directly or by the license writers (one per changed user).</summary>
    [GeneratedRegex(@"AuditTrail\.(?:Succeeded|SucceededEntry|BySystem)\(|LicensePlanWriter\.WriteAsync\(|LicenseChangeCommit\.WriteAsync\(")]
    private static partial Regex Audits();

    public static TheoryData<string> Services()
    {
        var data = new TheoryData<string>();
        foreach (var type in ServiceTypes()) data.Add(type.FullName!);
        return data;
    }

    [Fact]
    public void TheServiceScan_FindsTheKnownServices()
    {
        var names = ServiceTypes().Select(t => t.Name).ToList();

        Assert.Superset(new HashSet<string> { "UserService", "LicenseService", "SubscriptionService", "OfficeInstallationService", "MyAccountService" },
            names.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void EveryDataChangingMethod_ChecksItsCaller_AndWritesAnAuditEntry_OrSaysWhyNot(string serviceName)
    {
        var service = ServiceTypes().Single(t => t.FullName == serviceName);
        var members = SourceTree.MembersOf(service.Name, SourceTree.Files("LicenseAdmin.Infrastructure", ".cs"));
        Assert.NotEmpty(members);

        var problems = new List<string>();
        foreach (var method in PublicMethods(service))
        {
            var source = Reachable(method.Name, members);
            if (source.Length == 0)
            {
                problems.Add($"{method.Name}: its source was not found");
                continue;
            }

            var takesCaller = method.GetParameters().Any(p => p.ParameterType == typeof(Caller));
            var notAudited = method.GetCustomAttribute<NotAuditedAttribute>();
            var systemJob = method.GetCustomAttribute<SystemJobAttribute>();
            var writes = Writes().IsMatch(source);
            var actsForNoPerson = !takesCaller && (notAudited is not null || systemJob is not null);
            if (takesCaller && systemJob is not null)
                problems.Add($"{method.Name}: takes a caller but is marked [SystemJob]; check the caller instead");
            if ((writes || takesCaller) && !ChecksCaller().IsMatch(source) && !actsForNoPerson)
                problems.Add($"{method.Name}: {(writes ? "changes data" : "acts for a caller")} without checking the caller (CallerGuard or AuditedChanges)");
            if (writes && notAudited is null && !Audits().IsMatch(source))
                problems.Add($"{method.Name}: changes data without an audit entry; write one (AuditTrail.Succeeded) or mark it [NotAudited(\"why\")]");
        }

        Assert.True(problems.Count == 0, $"{service.Name}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void TheAuditedChangeRunner_ChecksTheCallerFirst_AndAuditsEveryRefusal()
    {
        var run = string.Concat(SourceTree.MembersOf(nameof(AuditedChanges), SourceTree.Files("LicenseAdmin.Infrastructure", ".cs"))
            .Where(m => m.Name == nameof(AuditedChanges.RunAsync)).Select(m => m.Text));

        var callerCheck = run.IndexOf("CallerGuard.RequireAsync(", StringComparison.Ordinal);
        var transaction = run.IndexOf("WriteTransaction.RunAsync(", StringComparison.Ordinal);
        Assert.True(callerCheck >= 0 && callerCheck < transaction, "The runner must check the caller before its transaction opens.");
        Assert.Equal(2, Regex.Matches(run, @"AuditTrail\.RefusedAsync\(").Count);
        Assert.Contains("catch (DomainException", run);
        Assert.Contains("catch (DbUpdateException", run);
    }

    [Fact]
    public void EveryNotAuditedMethod_SaysWhy()
    {
        var marked = ServiceTypes().SelectMany(PublicMethods)
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<NotAuditedAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToList();

        Assert.NotEmpty(marked);
        Assert.All(marked, m => Assert.True(m.Attribute!.Reason.Length >= 20, $"{m.Method.DeclaringType!.Name}.{m.Method.Name}: say why in a sentence."));
    }

    private static IEnumerable<Type> ServiceTypes() =>
        typeof(AuditedChanges).Assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.Namespace?.StartsWith("LicenseAdmin.Infrastructure.Services", StringComparison.Ordinal) == true)
            .Where(t => t != typeof(AuditedChanges))
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(TenantDbContextFactory) || p.ParameterType == typeof(AuditedChanges))))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);

    private static IEnumerable<MethodInfo> PublicMethods(Type service) =>
        service.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName);

    /// <summary>The source of the method and of every member of its class it calls, transitively.</summary>
    private static string Reachable(string methodName, IReadOnlyList<Member> members)
    {
        var seen = new HashSet<string> { methodName };
        var pending = new Queue<string>([methodName]);
        var text = new System.Text.StringBuilder();
        while (pending.TryDequeue(out var name))
        {
            foreach (var member in members.Where(m => m.Name == name))
            {
                text.Append(member.Text);
                foreach (var other in members.Select(m => m.Name).OfType<string>().Distinct())
                    if (!seen.Contains(other) && Regex.IsMatch(member.Text, $@"\b{Regex.Escape(other)}\b") && seen.Add(other))
                        pending.Enqueue(other);
            }
        }
        return text.ToString();
    }
}
