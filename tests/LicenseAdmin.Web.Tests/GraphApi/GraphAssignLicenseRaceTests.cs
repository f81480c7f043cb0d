using System.Net;
using LicenseAdmin.Domain.Apps;
using LicenseAdmin.Infrastructure.Persistence;
using LicenseAdmin.Infrastructure.Persistence.Seeding;
using LicenseAdmin.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicenseAdmin.Web.Tests.GraphApi;

/// <summary>
/// assignLicense calls at once on a server database, where they really overlap: each is planned on the user's licenses
/// read under the user's row lock, so no call overwrites another's product.
/// </summary>
[Trait(TestProvider.Trait, TestProvider.PostgreSql)]
public sealed class GraphAssignLicenseRaceTests(GraphApiFixture api) : IClassFixture<GraphApiFixture>
{
    private static readonly Guid E3 = Guid.Parse("6fd2c87f-b296-42f0-b197-1e91e994b900");
    private static readonly Guid AppsForEnterprise = Guid.Parse("c2273bd0-dff7-4215-9ef5-2c7bcfb06425");

    [Fact]
    public async Task ParallelAssignLicenseCalls_ForDifferentProducts_OnOneUser_AllKeepTheirProduct()
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < 2; i++) clients.Add(await api.ClientWithAsync(ApiPermissions.LicenseAssignmentReadWriteAll, name: $"Script {i}"));
        var users = new List<Guid>();
        for (var i = 0; i < 4; i++) users.Add(await GraphTestUsers.UnlicensedAsync(api, i));

        var gate = new TaskCompletionSource();
        var calls = users.SelectMany(user => new[] { E3, AppsForEnterprise }.Select((product, n) => Task.Run(async () =>
        {
            await gate.Task;
            return await clients[n].PostAsync($"/v1.0/users/{user}/assignLicense",
                GraphTestUsers.Json($$"""{"addLicenses":[{"skuId":"{{product}}","disabledPlans":[]}],"removeLicenses":[]}"""));
        }))).ToList();
        gate.SetResult();
        var responses = await Task.WhenAll(calls);

        foreach (var response in responses) Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await using var db = await api.Factory.Services.GetRequiredService<TenantDbContextFactory>().ForTenantAsync(DemoDataSeeder.ContosoId, CancellationToken.None);
        foreach (var user in users)
            Assert.Equal(new[] { E3, AppsForEnterprise }.Order(), (await db.LicenseAssignments.Where(a => a.UserId == user).Select(a => a.ProductId).ToListAsync()).Order());
    }
}
