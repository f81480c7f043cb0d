using LicenseAdmin.Domain;
using LicenseAdmin.Domain.Subscriptions;
using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Web.Authorization;
using LicenseAdmin.Web.Components.Billing;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Pages;

/// <summary>
/// Billing: cost per product per month and in total, with Buy and Remove licenses per product. The limits
/// (never below assigned, sane quantities) are the subscription service's; the page shows its answer.
/// </summary>
public partial class BillingPage
{
    [Inject] private SubscriptionService Subscriptions { get; set; } = null!;
    [Inject] private CurrentCaller CurrentCaller { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private IReadOnlyList<ProductSubscriptionSummary> _products = [];
    private int _loads;
    private string? _message;
    private string? _error;

    /// <summary>One total per currency: amounts in different currencies are never added up.</summary>
    private IReadOnlyList<CurrencyAmount> MonthlyTotals => CurrencyAmount.TotalsPerCurrency(_products.SelectMany(p => p.MonthlyCosts ?? []));

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        try
        {
            _products = await Subscriptions.ListAsync(await CurrentCaller.GetAsync(), CancellationToken.None);
            _error = null;
        }
        catch (DomainException refused)
        {
            _error = Messages[refused];
        }
        _loads++;
    }

    private async Task OpenAsync(ProductSubscriptionSummary product, LicenseCountChange change)
    {
        var parameters = new DialogParameters<ChangeLicenseCountDialog>
        {
            { d => d.Product, product },
            { d => d.Change, change },
        };
        var title = change == LicenseCountChange.Buy ? L["Buy licenses"] : L["Remove licenses"];
        var dialog = await Dialogs.ShowAsync<ChangeLicenseCountDialog>(title, parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        if (await dialog.Result is { Canceled: false, Data: SeatTotalChange done })
        {
            _message = Describe(done);
            await LoadAsync();
        }
    }

    private string Describe(SeatTotalChange change) => change.TotalAfter > change.TotalBefore
        ? L["Bought {0} of {1}: {2} in total now.", Messages[SubscriptionRefusals.Licenses(change.TotalAfter - change.TotalBefore)], change.Product, change.TotalAfter]
        : L["Removed {0} of {1}: {2} in total now.", Messages[SubscriptionRefusals.Licenses(change.TotalBefore - change.TotalAfter)], change.Product, change.TotalAfter];
}
