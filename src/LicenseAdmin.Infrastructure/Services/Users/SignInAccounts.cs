using System.Security.Cryptography;
using LicenseAdmin.Infrastructure.Identity;
using LicenseAdmin.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Services.Users;

/// <summary>
/// Identity's <see cref="UserManager{TUser}"/> working on the caller's open connection and transaction, so an
/// account change commits or rolls back together with the directory change and its audit entry. On SQLite this
/// is also what keeps the one writer from waiting on itself.
/// </summary>
internal sealed class SignInAccounts : IAsyncDisposable
{
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    public const int TemporaryPasswordLength = 20;

    private readonly AsyncServiceScope _scope;
    private readonly Guid _tenantId;

    private SignInAccounts(AsyncServiceScope scope, Guid tenantId)
    {
        _scope = scope;
        _tenantId = tenantId;
        Manager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
    }

    public UserManager<ApplicationUser> Manager { get; }

    /// <summary><paramref name="db"/> must be inside a transaction.</summary>
    public static async Task<SignInAccounts> JoinAsync(IServiceScopeFactory scopes, AppDbContext db, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Sign-in accounts are changed only inside the directory change's transaction.");
        var scope = scopes.CreateAsyncScope();
        var identityDb = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        identityDb.Database.SetDbConnection(db.Database.GetDbConnection(), contextOwnsConnection: false);
        await identityDb.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
        return new SignInAccounts(scope, db.ScopedTenantId ?? throw new InvalidOperationException("The context must be scoped to a tenant."));
    }

    /// <summary>The account of a directory user; only ever one of the caller's tenant.</summary>
    public Task<ApplicationUser?> OfAsync(Guid directoryUserId, CancellationToken cancellationToken) =>
        Manager.Users.SingleOrDefaultAsync(a => a.DirectoryUserId == directoryUserId && a.TenantId == _tenantId, cancellationToken);

    /// <summary>Open sessions end at their next revalidation; users without an account are skipped.</summary>
    public async Task EndSessionsAsync(IEnumerable<Guid> directoryUserIds, CancellationToken cancellationToken)
    {
        var ids = directoryUserIds.ToList();
        foreach (var chunk in ids.Chunk(IdChunks.Size))
        {
            var accounts = await Manager.Users.Where(a => chunk.Contains(a.DirectoryUserId) && a.TenantId == _tenantId).ToListAsync(cancellationToken);
            foreach (var account in accounts) Ensure(await Manager.UpdateSecurityStampAsync(account));
        }
    }

    public static string NewTemporaryPassword() => RandomNumberGenerator.GetString(PasswordAlphabet, TemporaryPasswordLength);

    public static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"The sign-in account could not be updated: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
