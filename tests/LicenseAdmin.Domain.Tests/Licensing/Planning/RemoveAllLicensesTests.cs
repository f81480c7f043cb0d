using LicenseAdmin.Domain.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class RemoveAllLicensesTests
{
    private readonly TestTenant _tenant = new();

    [Fact]
    public void RemoveAll_RemovesEveryLicenseAndReleasesTheSeats()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3), Licenses.Of(WorkplaceAnalytics));
        var bo = _tenant.User("bo", Licenses.Of(E3));

        var plan = _tenant.Plan(new RemoveAllLicenses(Licenses.Ids(anna, bo)));

        Assert.True(plan.CanApply);
        Assert.All(plan.Users, u => Assert.Empty(u.Final));
        Assert.Equal(2, plan.Seats.Single(s => s.ProductId == E3).SeatsReleased);
        Assert.Equal(1, plan.Seats.Single(s => s.ProductId == WorkplaceAnalytics).SeatsReleased);
    }

    [Fact]
    public void RemoveAll_ForUsersWithoutLicenses_ListsThemAsUnchangedWithoutViolation()
    {
        var anna = _tenant.User("anna");
        var bo = _tenant.User("bo", Licenses.Of(E3));

        var plan = _tenant.Plan(new RemoveAllLicenses(Licenses.Ids(anna, bo)));

        Assert.True(plan.IsValid);
        Assert.True(plan.For(anna).IsUnchanged);
        Assert.False(plan.For(bo).IsUnchanged);
    }

    [Fact]
    public void RemoveAll_ForUserWithoutUsageLocationOnASuspendedSubscription_IsAllowed()
    {
        _tenant.WithSeats(E3, 1, suspended: true);
        var anna = _tenant.UserWithoutUsageLocation("anna", Licenses.Of(E3));

        Assert.True(_tenant.Plan(new RemoveAllLicenses([anna.UserId])).CanApply);
    }

    [Fact]
    public void RemoveAll_ForDeletedUser_ReportsUserDeleted()
    {
        var anna = _tenant.DeletedUser("anna");

        Assert.Equal(anna.UserId, _tenant.Plan(new RemoveAllLicenses([anna.UserId])).Single(ViolationCode.UserDeleted).UserId);
    }
}
