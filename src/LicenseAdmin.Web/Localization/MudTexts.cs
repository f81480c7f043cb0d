namespace LicenseAdmin.Web.Localization;

/// <summary>
/// MudBlazor's own texts (pager, grid, date picker, dialogs). Keys are MudBlazor's resource keys, e.g.
/// MudDataGridPager_RowsPerPage; Danish lives in Resources/Localization/MudTexts.da.resx.
/// </summary>
public sealed class MudTexts;
