using LicenseAdmin.Domain.Licensing.Planning;
using LicenseAdmin.Infrastructure.Services.Licensing;
using LicenseAdmin.Infrastructure.Services.Users;
using LicenseAdmin.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Users;

/// <summary>
/// Add, replace or remove all licenses for a selection (ids or a whole view). Preview first: nothing is written
/// until the admin confirms a valid preview; Confirm applies all or nothing and offers Undo.
/// </summary>
public partial class ManageLicensesDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Inject] private LicenseService Licenses { get; set; } = null!;

    [Parameter, EditorRequired] public UserSelection Selection { get; set; } = null!;
    [Parameter, EditorRequired] public int SelectedCount { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<ProductOption> Products { get; set; } = [];

    private BulkLicenseMode _mode = BulkLicenseMode.AddToExisting;
    private bool _removeAll;
    private readonly LicenseSelection _selection = new();
    private LicensePlan? _preview;
    private string? _result;
    private IReadOnlyList<string> _kept = [];
    private Guid? _operationId;
    private ActionGuard _guard = null!;
    private bool _undone;
    private bool _changedSomething;

    private string SelectionText => SelectedCount == 1 ? L["1 user selected"] : L["{0} users selected", SelectedCount];

    private BulkLicenseRequest Request => new(_mode, Selection, _mode == BulkLicenseMode.RemoveAll ? [] : _selection.ToLicenses());

    private void OnModeChanged(BulkLicenseMode mode)
    {
        _mode = mode;
        _removeAll = false;
        Invalidate();
    }

    private void OnRemoveAllChanged(bool removeAll)
    {
        _removeAll = removeAll;
        _mode = removeAll ? BulkLicenseMode.RemoveAll : BulkLicenseMode.ReplaceExisting;
        Invalidate();
    }

    // Any change to the choices makes the last preview stale: Confirm needs a new one.
    private void Invalidate()
    {
        _preview = null;
        _guard.ClearRefusal();
    }

    private Task PreviewAsync() => _guard.RunAsync(async (caller, cancellationToken) =>
    {
        _preview = await Licenses.PreviewAsync(caller, Request, cancellationToken);
        if (!_preview.IsValid) _guard.Refuse(L["This change cannot be applied as it is. Nothing was changed; see the problems below."]);
        else if (!_preview.HasChanges) _guard.Refuse(L["The selected users already have exactly this; there is nothing to change."]);
    });

    private Task ConfirmAsync() => _guard.RunAsync(async (caller, cancellationToken) =>
    {
        var result = await Licenses.ApplyAsync(caller, Request, cancellationToken);
        _operationId = result.OperationId;
        _changedSomething |= !result.NothingToDo;
        // Licenses whose direct part went while a group still gives them: "Office 365 E3 stays: it is inherited from ...".
        _kept = result.Kept.Select(k => Messages[k]).ToList();
        _result = result.NothingToDo
            ? L["Nothing was changed: the users already had exactly this."]
            : result.UsersChanged == 1 ? L["Licenses changed for 1 user."] : L["Licenses changed for {0} users.", result.UsersChanged];
    });

    private Task UndoAsync() => _guard.RunAsync(async (caller, cancellationToken) =>
    {
        var undo = await Licenses.UndoAsync(caller, _operationId!.Value, cancellationToken);
        _undone = true;
        _result = undo.UsersChanged == 1 ? L["Undone: 1 user has their previous licenses again."] : L["Undone: {0} users have their previous licenses again.", undo.UsersChanged];
    });

    private void Cancel() => Dialog.Close(DialogResult.Ok(_changedSomething));

    private void Done() => Dialog.Close(DialogResult.Ok(_changedSomething));
}
