using LicenseAdmin.Infrastructure.Services;

namespace LicenseAdmin.Benchmarks;

/// <summary>What the benchmarks need to know about the seeded tenant.</summary>
public sealed record SeededTenant(
    Guid TenantId,
    Caller Admin,
    SeededProducts Products,
    int ActiveUsers,
    int UnlicensedUsers,
    int HoldersOfE5,
    IReadOnlyList<Guid> Selection,
    IReadOnlyList<Guid> RaceUsers,
    IReadOnlyList<Guid> WorkerUsers,
    DateTime SeededUtc);

/// <summary>The products the scenarios use.</summary>
public sealed record SeededProducts(Guid E3, Guid E5, Guid BusinessBasic, Guid Project, Guid Visio, Guid PowerBi);
