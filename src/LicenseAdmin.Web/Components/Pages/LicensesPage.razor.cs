using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Administration;
using LicenseAdmin.Infrastructure.Services.Spend;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Web.Authorization;
using Microsoft.AspNetCore.Components;

namespace LicenseAdmin.Web.Components.Pages;

/// <summary>
/// Licenses: seats per product (cost only for roles that may see prices), license conflicts with their fixes,
/// and the holders of the product the admin picks.
/// </summary>
public partial class LicensesPage
{
    [Inject] private SubscriptionService Subscriptions { get; set; } = null!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = null!;
    [Inject] private IdleSpendService IdleSpend { get; set; } = null!;

    private IReadOnlyList<ProductSubscriptionSummary> _products = [];
    private IReadOnlyList<LicenseConflict> _conflicts = [];
    private ProductSubscriptionSummary? _selectedProduct;
    private bool _loaded;
    private int _loads;
    private string? _error;
    private bool _showsIdleSpend;
    private bool _mayReduceSeats;
    private IdleSpendReport? _idleSpend;
    private string? _idleSpendError;

    // The service leaves cost out for roles that may not see prices; the column goes with it.
    private bool ShowsCost => _products.Any(p => p.MonthlyCosts is not null);

    protected override async Task OnInitializedAsync()
    {
        try
        {
            var caller = await CurrentCaller.GetAsync();
            _products = await Subscriptions.ListAsync(caller, CancellationToken.None);
            _conflicts = await Subscriptions.ListConflictsAsync(caller, CancellationToken.None);
        }
        catch (DomainException refused)
        {
            _error = Messages[refused];
        }
        await LoadIdleSpendAsync();
        _loaded = true;
        _loads++;
    }

    // The role table says who sees idle spend; the service checks the caller again and its refusal is shown as it says.
    private async Task LoadIdleSpendAsync()
    {
        var caller = await CurrentCaller.GetAsync();
        _showsIdleSpend = RolePolicy.Allows(caller.Roles, Permission.ReadSpend);
        _mayReduceSeats = RolePolicy.Allows(caller.Roles, Permission.ManageBilling);
        if (!_showsIdleSpend) return;
        try
        {
            _idleSpend = await IdleSpend.GetAsync(caller, CancellationToken.None);
        }
        catch (DomainException refused)
        {
            _idleSpendError = Messages[refused];
        }
    }

    private void SelectProduct(ProductSubscriptionSummary product) => _selectedProduct = product;

    private bool IsSelected(ProductSubscriptionSummary product) => _selectedProduct?.ProductId == product.ProductId;

    private string RowClass(ProductSubscriptionSummary product) =>
        (product.Assigned > product.Total ? "license-conflict mud-error-text " : "") + (IsSelected(product) ? "selected-product" : "");

    private string RowStyle(ProductSubscriptionSummary product) =>
        "cursor:pointer" + (IsSelected(product) ? ";background:var(--mud-palette-action-default-hover)" : "");
}
