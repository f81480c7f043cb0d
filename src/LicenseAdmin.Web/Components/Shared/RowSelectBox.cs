using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace LicenseAdmin.Web.Components.Shared;

/// <summary>
/// A row's selection box for a grid: a real <c>&lt;input type="checkbox"&gt;</c> named by its label, drawn with MudBlazor's
/// checkbox classes and icons so that it looks like <c>MudCheckBox</c>. It is markup in the grid's own render tree, not a
/// component: MudBlazor's checkbox is three components per row (with its input control and icon) and a key interceptor in
/// the browser, and every component costs each open page its state and two render buffers for the life of the circuit
/// (docs/performance.md, measure 7; decision 0019).
/// </summary>
/// <remarks>
/// Space toggles it (the browser's own checkbox); a click on it does not reach the row, whose click opens the user.
/// Nine frames on purpose: each row's cells are one component's render tree (the grid's per-row cascade), whose two
/// buffers grow by doubling; a row of up to 64 frames keeps 2 x 64, a row of 65 keeps 2 x 128 (40 bytes a frame) on
/// every open page. Hence no wrappers, the input's look from app.css (<c>.row-select &gt; input</c>) rather than a class,
/// and the icon as one markup frame. Written with the render tree builder because a static Razor fragment cannot bind
/// events: the grid's own callback re-renders the grid and tells the page.
/// </remarks>
public static class RowSelectBox
{
    private const string BoxClass = "row-select mud-checkbox mud-button-root mud-icon-button mud-default-text hover:mud-default-hover mud-ripple mud-ripple-checkbox";
    private const string CheckedClass = BoxClass + " mud-checkbox-true";
    private const string UncheckedClass = BoxClass + " mud-checkbox-false";
    private static readonly string CheckedIcon = Icon(Icons.Material.Filled.CheckBox);
    private static readonly string UncheckedIcon = Icon(Icons.Material.Filled.CheckBoxOutlineBlank);

    /// <summary>The box for one row: <paramref name="changed"/> gets the new state when the user checks or clears it.</summary>
    public static RenderFragment Box(bool selected, string label, Func<bool, Task> changed) => builder => Render(builder, selected, label, changed);

    private static void Render(RenderTreeBuilder builder, bool selected, string label, Func<bool, Task> changed)
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", selected ? CheckedClass : UncheckedClass);
        builder.OpenElement(2, "input");
        builder.AddAttribute(3, "type", "checkbox");
        builder.AddAttribute(4, "aria-label", label);
        builder.AddAttribute(5, "checked", selected);
        builder.AddAttribute(6, "onchange", (Func<ChangeEventArgs, Task>)(change => changed(change.Value is true)));
        builder.AddEventStopPropagationAttribute(7, "onclick", true);
        builder.CloseElement();
        builder.AddMarkupContent(8, selected ? CheckedIcon : UncheckedIcon);
        builder.CloseElement();
    }

    private static string Icon(string paths) =>
        $"<svg class=\"mud-icon-root mud-svg-icon mud-inherit-text mud-icon-size-medium\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{paths}</svg>";
}
