using LicenseAdmin.Domain.Licensing.Planning;
using static LicenseAdmin.Domain.Tests.Licensing.Planning.TestCatalog;

namespace LicenseAdmin.Domain.Tests.Licensing.Planning;

public class UndoBulkChangeTests
{
    private readonly TestTenant _tenant = new();

    [Fact]
    public void Undo_AfterReplace_ReturnsEachUserToTheStateBeforeIt()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3, SkypePlan2));
        var bo = _tenant.User("bo");
        var before = new UndoBulkChange([new UserLicenses(anna.UserId, anna.Licenses), new UserLicenses(bo.UserId, bo.Licenses)]);
        _tenant.Apply(_tenant.Plan(new ReplaceLicenses(Licenses.Ids(anna, bo), [Licenses.Of(BusinessBasic)])));

        var plan = _tenant.Plan(before);

        Assert.True(plan.CanApply);
        var annaBack = Assert.Single(plan.For(anna).Final);
        Assert.Equal(E3, annaBack.ProductId);
        Assert.Equal([SkypePlan2], annaBack.DisabledPlanIds);
        Assert.Empty(plan.For(bo).Final);
    }

    [Fact]
    public void Undo_WhenSeatsNoLongerAllow_ChangesNothing()
    {
        _tenant.WithSeats(E3, 1);
        var anna = _tenant.User("anna");
        _tenant.User("bo", Licenses.Of(E3));

        var plan = _tenant.Plan(new UndoBulkChange([new UserLicenses(anna.UserId, [Licenses.Of(E3)])]));

        Assert.False(plan.CanApply);
        Assert.Equal("Office 365 E3: 1 seat needed, 0 available.", plan.Single(ViolationCode.CountViolation).Message);
    }

    [Fact]
    public void Undo_SeatsReleasedBySameOperation_CountTowardAvailability()
    {
        _tenant.WithSeats(E3, 1);
        var anna = _tenant.User("anna");
        var bo = _tenant.User("bo", Licenses.Of(E3));

        var plan = _tenant.Plan(new UndoBulkChange(
        [
            new UserLicenses(anna.UserId, [Licenses.Of(E3)]),
            new UserLicenses(bo.UserId, []),
        ]));

        Assert.True(plan.CanApply);
        var seats = Assert.Single(plan.Seats);
        Assert.Equal((1, 1, 0, 1, 0), (seats.SeatsNeeded, seats.SeatsReleased, seats.SeatsFree, seats.SeatsAvailable, seats.NetChange));
    }

    [Fact]
    public void Undo_ForUserDeletedSinceTheOperation_ReportsUserDeleted()
    {
        var anna = _tenant.DeletedUser("anna");

        var plan = _tenant.Plan(new UndoBulkChange([new UserLicenses(anna.UserId, [Licenses.Of(E3)])]));

        Assert.Equal(anna.UserId, plan.Single(ViolationCode.UserDeleted).UserId);
    }

    [Fact]
    public void Undo_WhenUsersAreAlreadyInTheirPreviousState_ChangesNothing()
    {
        var anna = _tenant.User("anna", Licenses.Of(E3));

        var plan = _tenant.Plan(new UndoBulkChange([new UserLicenses(anna.UserId, [Licenses.Of(E3)])]));

        Assert.True(plan.IsValid);
        Assert.False(plan.HasChanges);
    }

    [Fact]
    public void Undo_WithAPlanTheCatalogNoLongerHas_ReportsInvalidServicePlanOnceForAllUsers()
    {
        var stale = Guid.Parse("00000000-0000-0000-0000-000000000004");
        var users = Enumerable.Range(0, 3).Select(i => _tenant.User($"user{i}")).ToArray();

        var plan = _tenant.Plan(new UndoBulkChange(users.Select(u => new UserLicenses(u.UserId, [Licenses.Of(E3, stale)])).ToList()));

        Assert.Equal($"Office 365 E3 has no service plan {stale}, so it cannot be turned off.",
            plan.Single(ViolationCode.InvalidServicePlan).Message);
    }
}
