using LicenseAdmin.Infrastructure.Services.Subscriptions;
using LicenseAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Billing;

/// <summary>
/// Buy or remove licenses of one product. The field explains the limit, but the service decides: a refusal
/// (e.g. below the assigned count) is shown with the service's sentence and the dialog stays open.
/// Closes with the <see cref="SeatTotalChange"/> on success.
/// </summary>
public partial class ChangeLicenseCountDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Inject] private SubscriptionService Subscriptions { get; set; } = null!;

    [Parameter, EditorRequired] public ProductSubscriptionSummary Product { get; set; } = null!;
    [Parameter, EditorRequired] public LicenseCountChange Change { get; set; }

    private int _units = 1;
    private ActionGuard _guard = null!;

    private string Title => Change == LicenseCountChange.Buy ? L["Buy licenses of {0}", Product.Product] : L["Remove licenses of {0}", Product.Product];

    private string Limits => Change == LicenseCountChange.Buy
        ? L["{0} has {1}, {2} assigned.", Product.Product, Messages[SubscriptionRefusals.Licenses(Product.Total)], Product.Assigned]
        : L["{0} has {1} and {2} are assigned, so you can remove at most {3}. To remove more, unassign licenses first.",
            Product.Product, Messages[SubscriptionRefusals.Licenses(Product.Total)], Product.Assigned, Messages[SubscriptionRefusals.Licenses(Math.Max(0, Product.Available))]];

    private Task ConfirmAsync() => _guard.RunAsync(async (caller, cancellationToken) =>
    {
        var change = Change == LicenseCountChange.Buy
            ? await Subscriptions.BuyAsync(caller, Product.ProductId, _units, pricePerUnitMonthly: null, cancellationToken)
            : await Subscriptions.ReduceAsync(caller, Product.ProductId, _units, cancellationToken);
        Dialog.Close(DialogResult.Ok(change));
    });

    private void Cancel() => Dialog.Cancel();
}
