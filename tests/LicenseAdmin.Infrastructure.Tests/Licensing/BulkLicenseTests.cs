using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Infrastructure.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Infrastructure.Tests.Licensing;

public sealed class BulkLicenseTests : DemoDatabaseTest
{
    private LicenseService Licenses => Database.Services.GetRequiredService<LicenseService>();

    private static BulkLicenseRequest Request(BulkLicenseMode mode, IEnumerable<Guid> users, params Guid[] products) =>
        new(mode, UserSelection.Of(users), products.Select(ProductLicense.AllPlansOn).ToList());

    [Fact]
    public async Task AddToExisting_PreviewNumbersAreWhatApplyDoes()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var users = (await Demo.UnlicensedPeopleAsync(4)).Select(u => u.Id).ToList();
        var request = Request(BulkLicenseMode.AddToExisting, users, DemoTenant.E3, DemoTenant.AppsForEnterprise);

        var preview = await Licenses.PreviewAsync(admin, request, CancellationToken.None);
        var result = await Licenses.ApplyAsync(admin, request, CancellationToken.None);

        Assert.True(preview.IsValid);
        Assert.Equal(4, preview.ChangedUsers.Count());
        Assert.Equal((4, 5), (preview.SeatsNeeded(DemoTenant.E3), preview.Seats.Single(s => s.ProductId == DemoTenant.E3).SeatsFree));
        Assert.Equal(4, result.UsersChanged);
        Assert.Equal((25, 24, 24), await Demo.SeatsAsync(DemoTenant.E3));
        Assert.Equal((10, 9, 9), await Demo.SeatsAsync(DemoTenant.AppsForEnterprise));
        foreach (var user in users)
            Assert.Equal(new[] { DemoTenant.E3, DemoTenant.AppsForEnterprise }.Order(), await Demo.ProductsOfAsync(user));
    }

    [Fact]
    public async Task AddToExisting_AppliedTwice_ChangesNothingTheSecondTime()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var request = Request(BulkLicenseMode.AddToExisting, (await Demo.UnlicensedPeopleAsync(3)).Select(u => u.Id), DemoTenant.E3);
        await Licenses.ApplyAsync(admin, request, CancellationToken.None);

        var second = await Licenses.ApplyAsync(admin, request, CancellationToken.None);

        Assert.True(second.NothingToDo);
        Assert.Equal(3, second.UsersUnchanged);
        Assert.Equal((25, 23, 23), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task Replace_WhenSeatsRunOut_ChangesNothingAndSaysHowMany()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var users = (await Demo.UnlicensedPeopleAsync(3)).Select(u => u.Id).ToList();

        var error = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() =>
            Licenses.ApplyAsync(admin, Request(BulkLicenseMode.ReplaceExisting, users, DemoTenant.E5), CancellationToken.None));

        Assert.Equal("Nothing was changed. Office 365 E5: 3 seats needed, 1 available.", error.Message);
        foreach (var user in users) Assert.Empty(await Demo.ProductsOfAsync(user));
        Assert.Equal((5, 4, 4), await Demo.SeatsAsync(DemoTenant.E5));
    }

    [Fact]
    public async Task Replace_GivesEachUserExactlyTheChosenProducts_AndReleasesTheOldSeats()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var basicHolders = await db.LicenseAssignments.Where(a => a.ProductId == DemoTenant.BusinessBasic).Select(a => a.UserId).Take(3).ToListAsync();

        await Licenses.ApplyAsync(admin, Request(BulkLicenseMode.ReplaceExisting, basicHolders, DemoTenant.E3), CancellationToken.None);

        foreach (var user in basicHolders) Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync(user));
        Assert.Equal((10, 3, 3), await Demo.SeatsAsync(DemoTenant.BusinessBasic));
        Assert.Equal((25, 23, 23), await Demo.SeatsAsync(DemoTenant.E3));
    }

    [Fact]
    public async Task RemoveAll_FreesEverySeatOfTheSelectedUsers()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var e5Holders = await db.LicenseAssignments.Where(a => a.ProductId == DemoTenant.E5).Select(a => a.UserId).ToListAsync();

        var result = await Licenses.ApplyAsync(admin, new BulkLicenseRequest(BulkLicenseMode.RemoveAll, UserSelection.Of(e5Holders), []), CancellationToken.None);

        Assert.Equal(4, result.UsersChanged);
        Assert.Equal((5, 0, 0), await Demo.SeatsAsync(DemoTenant.E5));
    }

    [Fact]
    public async Task RemoveAll_ForAWholeView_ReachesEveryUserOfTheView()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var view = UserSelection.Matching(new UserFilter(UserView.HoldsProduct, DemoTenant.BusinessBasic));

        var result = await Licenses.ApplyAsync(admin, new BulkLicenseRequest(BulkLicenseMode.RemoveAll, view, []), CancellationToken.None);

        Assert.Equal(6, result.UsersChanged);
        Assert.Equal((10, 0, 0), await Demo.SeatsAsync(DemoTenant.BusinessBasic));
    }

    [Fact]
    public async Task RemoveAll_ForTheWholeTenant_NeverReachesAnotherTenant()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var fabrikamBefore = await Demo.SeatsAsync(DemoTenant.E3, DemoDataSeeder.FabrikamId);

        var result = await Licenses.ApplyAsync(admin, new BulkLicenseRequest(BulkLicenseMode.RemoveAll, UserSelection.Matching(UserFilter.All), []), CancellationToken.None);

        Assert.Equal(35, result.UsersChanged);
        Assert.Equal((25, 0, 0), await Demo.SeatsAsync(DemoTenant.E3));
        Assert.Equal(fabrikamBefore, await Demo.SeatsAsync(DemoTenant.E3, DemoDataSeeder.FabrikamId));
        Assert.Equal([DemoTenant.E3], await Demo.ProductsOfAsync((await Demo.UserAsync("admin@fabrikam.com")).Id));
    }

    [Fact]
    public async Task Apply_WithNoUsers_SaysSelectAtLeastOne()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");

        var error = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() =>
            Licenses.ApplyAsync(admin, Request(BulkLicenseMode.AddToExisting, [], DemoTenant.E3), CancellationToken.None));

        Assert.Equal("Nothing was changed. No users are selected. Select at least one user.", error.Message);
    }

    [Fact]
    public async Task Apply_WithAUserDeletedMeanwhile_ChangesNobody()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var users = (await Demo.UnlicensedPeopleAsync(3)).ToList();
        await using (var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None))
        {
            (await db.DirectoryUsers.SingleAsync(u => u.Id == users[1].Id)).MarkDeleted(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        var error = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() =>
            Licenses.ApplyAsync(admin, Request(BulkLicenseMode.AddToExisting, users.Select(u => u.Id), DemoTenant.E3), CancellationToken.None));

        Assert.Equal($"Nothing was changed. {users[1].UserPrincipalName} is deleted. Restore the user before changing licenses.", error.Message);
        foreach (var user in users) Assert.Empty(await Demo.ProductsOfAsync(user.Id));
    }

    [Fact]
    public async Task Undo_ReturnsEveryUserToTheirPreviousLicenses_Once()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var basicHolders = await db.LicenseAssignments.Where(a => a.ProductId == DemoTenant.BusinessBasic).Select(a => a.UserId).Take(2).ToListAsync();
        var replaced = await Licenses.ApplyAsync(admin, Request(BulkLicenseMode.ReplaceExisting, basicHolders, DemoTenant.AppsForEnterprise), CancellationToken.None);

        var undo = await Licenses.UndoAsync(admin, replaced.OperationId!.Value, CancellationToken.None);

        Assert.Equal(2, undo.UsersChanged);
        foreach (var user in basicHolders) Assert.Equal([DemoTenant.BusinessBasic], await Demo.ProductsOfAsync(user));
        Assert.Equal((10, 6, 6), await Demo.SeatsAsync(DemoTenant.BusinessBasic));
        Assert.Equal((10, 5, 5), await Demo.SeatsAsync(DemoTenant.AppsForEnterprise));

        var again = await Assert.ThrowsAsync<Domain.Licensing.ChangeAlreadyUndoneException>(() => Licenses.UndoAsync(admin, replaced.OperationId!.Value, CancellationToken.None));
        Assert.StartsWith("This change (Replace existing products, ", again.Message);
        Assert.EndsWith("UTC) was already undone; nothing was changed.", again.Message);
    }

    [Fact]
    public async Task Undo_WhenTheFreedSeatsWereTakenMeanwhile_IsRefusedWithTheSeatCount()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        await using var db = await Database.Contexts.ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        var e5Holders = await db.LicenseAssignments.Where(a => a.ProductId == DemoTenant.E5).Select(a => a.UserId).Take(2).ToListAsync();
        var removed = await Licenses.ApplyAsync(admin, new BulkLicenseRequest(BulkLicenseMode.RemoveAll, UserSelection.Of(e5Holders), []), CancellationToken.None);
        var others = (await Demo.UnlicensedPeopleAsync(3)).Select(u => u.Id);
        await Licenses.ApplyAsync(admin, Request(BulkLicenseMode.AddToExisting, others, DemoTenant.E5), CancellationToken.None);

        var error = await Assert.ThrowsAsync<LicenseChangeRefusedException>(() => Licenses.UndoAsync(admin, removed.OperationId!.Value, CancellationToken.None));

        Assert.Equal("Nothing was changed. Office 365 E5: 2 seats needed, 0 available.", error.Message);
    }

    [Fact]
    public async Task Undo_OfAnUnknownOperation_SaysSo()
    {
        var admin = await Demo.CallerAsync("admin@contoso.com");
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<LicenseChangeNotFoundException>(() => Licenses.UndoAsync(admin, id, CancellationToken.None));

        Assert.Equal($"There is no license change {id} in this organisation.", error.Message);
    }
}
